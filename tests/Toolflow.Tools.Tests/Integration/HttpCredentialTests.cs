using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Toolflow.Core.Expressions;
using Toolflow.Tools.Integration;
using Toolflow.Tools.Tests.Http;

namespace Toolflow.Tools.Tests.Integration;

/// <summary>http-* credentials on http.request against a real local peer: sent where bound, nowhere else, never echoed back.</summary>
public sealed class HttpCredentialTests : IAsyncLifetime
{
    private const string Token = "tok-9f8e7d6c5b4a";
    private LocalHttpPeer peer = null!;
    private LocalHttpPeer other = null!;

    public async Task InitializeAsync()
    {
        other = await LocalHttpPeer.StartAsync(app => app.MapGet("/echo", Echo));
        peer = await LocalHttpPeer.StartAsync(app =>
        {
            app.MapGet("/echo", Echo);
            app.MapGet("/redirect", (string to) => Results.Redirect(to));
        });
    }

    public async Task DisposeAsync()
    {
        await peer.DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task A_bearer_credential_reaches_its_bound_host_and_the_echo_is_redacted()
    {
        var tool = Tool(new ResolvedCredential("http-bearer", new JsonObject { ["token"] = Token }) { Hosts = ["127.0.0.1"] });
        var outcome = (CompletedOutcome)await tool.ExecuteAsync(Invocation(peer.Url("/echo")), CancellationToken.None);

        var output = outcome.Output!.ToJsonString();
        Assert.Equal("Bearer ***", (string)outcome.Output!["body"]!["authorization"]!);
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.Equal(1, peer.RequestCount);
    }

    [Fact]
    public async Task A_basic_credential_is_redacted_in_plain_and_base64_forms()
    {
        var tool = Tool(new ResolvedCredential("http-basic", new JsonObject { ["username"] = "ada", ["password"] = "pw-Secret-123" }));
        var outcome = (CompletedOutcome)await tool.ExecuteAsync(Invocation(peer.Url("/echo")), CancellationToken.None);

        var output = outcome.Output!.ToJsonString();
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:pw-Secret-123")), output, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-Secret-123", output, StringComparison.Ordinal);
        Assert.Equal("Basic ***", (string)outcome.Output!["body"]!["authorization"]!);
    }

    [Fact]
    public async Task A_request_to_a_host_outside_the_binding_fails_before_anything_is_sent()
    {
        var tool = Tool(new ResolvedCredential("http-bearer", new JsonObject { ["token"] = Token }) { Hosts = ["api.example.com"] });
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () => await tool.ExecuteAsync(Invocation(peer.Url("/echo")), CancellationToken.None));

        Assert.Equal("credential.host_not_allowed", failure.Code);
        Assert.Equal(0, peer.RequestCount);
    }

    [Fact]
    public async Task A_redirect_out_of_the_binding_is_refused()
    {
        var tool = Tool(new ResolvedCredential("http-bearer", new JsonObject { ["token"] = Token }) { Hosts = ["127.0.0.1"] });
        var elsewhere = new UriBuilder(other.Url("/echo")) { Host = "localhost" }.Uri;
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await tool.ExecuteAsync(Invocation(peer.Url("/redirect?to=" + Uri.EscapeDataString(elsewhere.ToString()))), CancellationToken.None));

        Assert.Equal("credential.host_not_allowed", failure.Code);
        Assert.Equal(0, other.RequestCount);
    }

    [Fact]
    public async Task An_unbound_credential_is_dropped_on_a_redirect_to_another_origin()
    {
        var tool = Tool(new ResolvedCredential("http-header", new JsonObject { ["name"] = "X-Api-Key", ["value"] = "key-0123456789" }));
        var outcome = (CompletedOutcome)await tool.ExecuteAsync(
            Invocation(peer.Url("/redirect?to=" + Uri.EscapeDataString(other.Url("/echo").ToString()))), CancellationToken.None);

        Assert.Equal(1, other.RequestCount);
        Assert.Null(outcome.Output!["body"]!["x-api-key"]);
    }

    [Fact]
    public async Task An_http_header_credential_replaces_a_header_of_the_same_name_from_the_config()
    {
        var tool = Tool(new ResolvedCredential("http-header", new JsonObject { ["name"] = "X-Api-Key", ["value"] = "key-0123456789" }));
        var config = Config(peer.Url("/echo"));
        config["headers"] = new JsonObject { ["x-api-key"] = "forged" };
        var outcome = (CompletedOutcome)await tool.ExecuteAsync(Invocation(config), CancellationToken.None);

        Assert.Equal("***", (string)outcome.Output!["body"]!["x-api-key"]!);
    }

    [Fact]
    public async Task A_credential_whose_own_host_is_outside_its_binding_is_refused()
    {
        var credentials = new OneCredential(new ResolvedCredential("smtp", new JsonObject { ["host"] = "smtp.internal", ["port"] = 25 }) { Hosts = ["smtp.example.com"] });
        var tool = new IntegrationTools(new IntegrationToolOptions(), credentials).Tools.Single(t => t.Name == "email.send");
        var invocation = Invocation(new JsonObject { ["to"] = "a@example.org", ["subject"] = "s", ["body"] = "b" });
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () => await tool.ExecuteAsync(invocation, CancellationToken.None));
        Assert.Equal("credential.host_not_allowed", failure.Code);
    }

    [Theory]
    [InlineData("http-bearer", """{"token":"a\nb"}""")]
    [InlineData("http-basic", """{"username":"a:b","password":"x"}""")]
    [InlineData("http-header", """{"name":"Bad Header","value":"x"}""")]
    [InlineData("http-header", """{"name":"X-Ok"}""")]
    public async Task Malformed_http_credentials_fail_as_invalid_without_echoing_values(string type, string data)
    {
        var tool = Tool(new ResolvedCredential(type, (JsonObject)JsonNode.Parse(data)!));
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () => await tool.ExecuteAsync(Invocation(peer.Url("/echo")), CancellationToken.None));
        Assert.Equal("invalid_credential", failure.Code);
        Assert.Equal(0, peer.RequestCount);
    }

    private static IResult Echo(HttpRequest request) => Results.Json(new Dictionary<string, string?>
    {
        ["authorization"] = request.Headers.Authorization.FirstOrDefault(),
        ["x-api-key"] = request.Headers["X-Api-Key"].FirstOrDefault(),
    });

    private static ITool Tool(ResolvedCredential credential)
    {
        var options = new IntegrationToolOptions();
        options.Http.AllowedRanges.Add("127.0.0.1/32");
        options.Http.AllowedHosts.Add("localhost");
        return new IntegrationTools(options, new OneCredential(credential)).Tools.Single(t => t.Name == "http.request");
    }

    private static JsonObject Config(Uri url) => new() { ["url"] = url.ToString() };

    private static ToolInvocation Invocation(Uri url) => Invocation(Config(url));

    private static ToolInvocation Invocation(JsonObject config) => new()
    {
        ExecutionId = "e1",
        NodeId = "n1",
        Config = config,
        Credential = "api",
        Scope = new ExpressionScope(),
    };

    private sealed class OneCredential(ResolvedCredential credential) : ICredentialResolver
    {
        public ValueTask<ResolvedCredential?> ResolveAsync(string name, CredentialContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ResolvedCredential?>(name == "api" ? credential : null);
    }
}
