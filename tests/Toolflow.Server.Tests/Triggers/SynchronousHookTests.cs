using System.Net;
using System.Text;
using Toolflow.Server.Tests.Api;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Triggers;

/// <summary>Synchronous webhooks with real workers: the answer carries the ended execution; past the timeout, 202 and its Location.</summary>
public sealed class SynchronousHookTests
{
    [Fact]
    public async Task SynchronousHook_AnswersWithTheEndedExecution_AndItsOutput()
    {
        await using var factory = new Factory("00:01:00");
        using var admin = factory.AdminClient();
        var hookId = await CreateAsync(admin, """
            [ { "id": "a", "tool": "data.set", "config": { "values": { "n": "{{ input.n * 2 }}" } } },
              { "id": "b", "tool": "data.set", "config": { "values": { "n": "{{ nodes.a.output.n + 1 }}" } } } ]
            """, """[ { "source": "a", "target": "b" } ]""");

        using var client = factory.CreateClient();
        using var response = await client.PostAsync(Uri($"/hooks/{hookId}"), new StringContent("""{"n":20}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(41, body.GetProperty("output").GetProperty("b").GetProperty("n").GetInt32());
        Assert.Equal(2, body.GetProperty("nodes").GetArrayLength());
        Assert.Equal($"/api/v1/executions/{body.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SynchronousHook_PastItsTimeout_Answers202WithTheLiveExecution()
    {
        await using var factory = new Factory("00:00:00.500");
        using var admin = factory.AdminClient();
        var hookId = await CreateAsync(admin, """[ { "id": "wait", "tool": "flow.approval", "config": { "message": "ok?" } } ]""", "[]");

        using var client = factory.CreateClient();
        using var response = await client.PostAsync(Uri($"/hooks/{hookId}"), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "queued", "running", "waiting" });
        Assert.NotNull(response.Headers.Location);
    }

    private static async Task<string> CreateAsync(HttpClient admin, string nodes, string edges)
    {
        using var created = await admin.PostJsonAsync("/api/v1/workflows", $$"""
            { "name": "sync hook", "status": "active", "trigger": { "type": "webhook", "synchronous": true },
              "nodes": {{nodes}}, "edges": {{edges}} }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("trigger").GetProperty("hookId").GetString()!;
    }

    private sealed class Factory(string timeout) : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Workers:Enabled"] = "true",
            ["Workers:PollInterval"] = "00:00:00.100",
            ["Workers:SweepInterval"] = "00:00:00.200",
            ["Triggers:SynchronousTimeout"] = timeout,
        };
    }
}
