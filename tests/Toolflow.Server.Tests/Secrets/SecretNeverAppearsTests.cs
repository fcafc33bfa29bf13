using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Toolflow.Server.Tests.Api;

namespace Toolflow.Server.Tests.Secrets;

/// <summary>
/// A credential's secret, used by real http.request nodes (directly and through a tool instance)
/// against a peer that echoes it back in every form, appears nowhere Toolflow keeps or shows:
/// API responses, the event stream, the database files, the log.
/// </summary>
public sealed class SecretNeverAppearsTests(SecretPipelineFactory factory) : IClassFixture<SecretPipelineFactory>, IAsyncLifetime
{
    // '/', '+', '=' and '&' make the URL-encoded form differ from the plain one.
    private readonly string secret = $"s3cr3t/+=&{Guid.NewGuid():N}";
    private readonly List<string> received = [];
    private WebApplication peer = null!;
    private Uri peerUrl = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        peer = builder.Build();
        peer.MapGet("/echo", (HttpRequest request) =>
        {
            var auth = request.Headers.Authorization.ToString();
            lock (received)
            {
                received.Add(auth);
            }

            var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : auth;
            return Results.Json(new
            {
                headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()),
                plain = token,
                base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(token)),
                url = Uri.EscapeDataString(token),
            });
        });
        peer.MapGet("/text", (HttpRequest request) =>
        {
            lock (received)
            {
                received.Add(request.Headers.Authorization.ToString());
            }

            return Results.Text($"you sent {request.Headers.Authorization}", "text/plain");
        });
        await peer.StartAsync();
        peerUrl = new Uri(peer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync() => await peer.DisposeAsync();

    [Fact]
    public async Task A_credential_secret_is_nowhere_after_a_run_that_used_it()
    {
        using var client = factory.AdminClient();
        using var credential = await client.PostJsonAsync("/api/v1/credentials",
            $$"""{ "name": "api-token", "type": "http-bearer", "data": { "token": {{JsonSerializer.Serialize(secret)}} }, "hosts": ["127.0.0.1"] }""");
        Assert.Equal(HttpStatusCode.Created, credential.StatusCode);
        var credentialId = (await credential.ReadJsonAsync()).GetProperty("id").GetGuid();
        using var instance = await client.PostJsonAsync("/api/v1/tool-instances",
            $$"""{ "tool": "http.request", "name": "echo-api", "credentialId": "{{credentialId}}", "config": { "url": "{{new Uri(peerUrl, "/echo")}}" } }""");
        Assert.Equal(HttpStatusCode.Created, instance.StatusCode);
        var instanceId = (await instance.ReadJsonAsync()).GetProperty("id").GetGuid();

        using var created = await client.PostJsonAsync("/api/v1/workflows", $$"""
            { "name": "Uses a secret", "status": "active",
              "nodes": [
                { "id": "viaInstance", "toolInstanceId": "{{instanceId}}" },
                { "id": "direct", "tool": "http.request", "credential": "api-token", "config": { "url": "{{new Uri(peerUrl, "/text")}}" } },
                { "id": "copy", "tool": "code.javascript", "config": { "code": "return { a: nodes.viaInstance.output, b: nodes.direct.output };" } }
              ],
              "edges": [ { "source": "viaInstance", "target": "copy" }, { "source": "direct", "target": "copy" } ] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var executionId = await client.ExecuteAsync(workflowId, "{}");
        var execution = await client.WaitForExecutionAsync(executionId, "completed", "failed", "cancelled");
        Assert.True(execution.GetProperty("status").GetString() == "completed", $"execution did not complete: {execution}");

        // The secret was really in play: the peer got it from both nodes, and the echo came back redacted.
        lock (received)
        {
            Assert.Equal(2, received.Count(r => r == "Bearer " + secret));
        }

        Assert.Equal("***", execution.GetProperty("output").GetProperty("copy").GetProperty("a").GetProperty("body").GetProperty("plain").GetString());

        var seen = new StringBuilder();
        foreach (var path in new[]
        {
            $"/api/v1/executions/{executionId}", $"/api/v1/workflows/{workflowId}/executions", $"/api/v1/workflows/{workflowId}",
            "/api/v1/credentials", $"/api/v1/credentials/{credentialId}", "/api/v1/tool-instances", $"/api/v1/tool-instances/{instanceId}",
        })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AppendLine(await response.Content.ReadAsStringAsync());
        }

        var events = await Toolflow.Server.Tests.RealTime.EventStreamReader.ReadToEndAsync(client, executionId, lastEventId: 0);
        Assert.Contains(events, e => e.Type == "node.completed");
        seen.AppendJoin('\n', events.Select(e => e.Data));
        AssertNoSecret(seen.ToString(), "API responses and the event stream");
        AssertNoSecret(string.Join('\n', factory.LogLines), "the log");
        foreach (var file in Directory.GetFiles(factory.DataDirectory, "toolflow.db*"))
        {
            AssertNoSecret(Encoding.UTF8.GetString(await ReadSharedAsync(file)), Path.GetFileName(file));
        }
    }

    private void AssertNoSecret(string text, string where)
    {
        foreach (var form in new[] { secret, Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)), Uri.EscapeDataString(secret) })
        {
            Assert.False(text.Contains(form, StringComparison.Ordinal), $"the secret ({form}) appears in {where}");
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
