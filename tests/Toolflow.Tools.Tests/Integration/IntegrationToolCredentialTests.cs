using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;
using Toolflow.Tools.Integration;

namespace Toolflow.Tools.Tests.Integration;

/// <summary>How the integration tools find their credential: by the node's name, of the right type, never in a message.</summary>
public class IntegrationToolCredentialTests
{
    private sealed class OneCredential(string name, ResolvedCredential credential) : ICredentialResolver
    {
        public ValueTask<ResolvedCredential?> ResolveAsync(string requested, CredentialContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(requested == name ? credential : null);
    }

    private static ToolInvocation Invocation(string? credential, JsonObject config) => new()
    {
        ExecutionId = "e1",
        NodeId = "n1",
        Config = config,
        Credential = credential,
        Scope = new ExpressionScope(),
        IdempotencyKey = "e1:n1:0",
    };

    private static ITool Tool(string name, ICredentialResolver credentials)
    {
        var tools = new IntegrationTools(new IntegrationToolOptions(), credentials);
        return tools.Tools.Single(t => t.Name == name);
    }

    [Theory]
    [InlineData("email.send")]
    [InlineData("db.query")]
    public async Task NodeWithoutCredential_FailsAsMissing(string name)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await Tool(name, NoCredentials.Instance).ExecuteAsync(Invocation(null, []), CancellationToken.None));

        Assert.Equal("credential.missing", failure.Code);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public async Task UnknownCredentialName_FailsAsMissing_NamingIt()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await Tool("email.send", NoCredentials.Instance).ExecuteAsync(Invocation("smtp-main", []), CancellationToken.None));

        Assert.Equal("credential.missing", failure.Code);
        Assert.Contains("smtp-main", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialOfTheWrongType_IsRefused_WithoutItsSecretInTheMessage()
    {
        var credentials = new OneCredential("db", new ResolvedCredential("postgres", new JsonObject { ["connectionString"] = "Host=db;Password=s3cr3t-value" }));

        var failure = await Assert.ThrowsAsync<ToolFailureException>(async () =>
            await Tool("email.send", credentials).ExecuteAsync(Invocation("db", new JsonObject { ["to"] = "a@example.org", ["subject"] = "s", ["body"] = "b" }), CancellationToken.None));

        Assert.Equal("invalid_credential", failure.Code);
        Assert.DoesNotContain("s3cr3t-value", failure.Message, StringComparison.Ordinal);
    }
}
