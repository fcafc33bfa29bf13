using System.Net;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Server.Tests.Api.Generation;

public sealed class OptimizeEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    private const string TwoFetches = """
        { "name": "Two fetches", "output": "{{ [nodes.a.output.status, nodes.b.output.status] }}",
          "nodes": [
            { "id": "a", "tool": "http.request", "config": { "url": "https://example.org/a" } },
            { "id": "b", "tool": "http.request", "config": { "url": "https://example.org/b" } },
            { "id": "unused", "tool": "data.set", "config": { "values": { "x": 1 } } } ],
          "edges": [ { "source": "a", "target": "b" }, { "source": "b", "target": "unused" } ] }
        """;

    private static async Task<Guid> CreateAsync(HttpClient client)
    {
        using var response = await client.PostJsonAsync("/api/v1/workflows", TwoFetches);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Optimize_SuggestsWithEvidence_IncludingExecutionHistory_WithoutChangingTheWorkflow()
    {
        using var client = factory.AdminClient();
        var id = await CreateAsync(client);
        var execution = await client.ExecuteAsync(id, "{}");
        await factory.Repositories.Executions.UpsertNodeAsync(execution, new NodeExecutionWrite("a", NodeStatus.Completed) { Attempts = 1, DurationMs = 40 });
        await factory.Repositories.Executions.UpsertNodeAsync(execution, new NodeExecutionWrite("b", NodeStatus.Failed) { Attempts = 1, DurationMs = 900 });

        using var response = await client.PostJsonAsync($"/api/v1/workflows/{id}/optimize", "{}");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var kinds = body.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("kind").GetString()).ToList();
        Assert.Contains("parallelize", kinds);
        Assert.Contains("unused_node", kinds);
        Assert.Contains("missing_retry", kinds);
        Assert.Contains("missing_timeout", kinds);
        var failing = body.GetProperty("suggestions").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "failing_node");
        Assert.Equal("b", failing.GetProperty("nodes")[0].GetString());
        Assert.Equal(1, failing.GetProperty("evidence").GetProperty("failures").GetInt32());
        var slow = body.GetProperty("suggestions").EnumerateArray().First(s => s.GetProperty("kind").GetString() == "slow_node");
        Assert.Equal(900, slow.GetProperty("evidence").GetProperty("averageDurationMs").GetDouble());
        Assert.False(body.GetProperty("applied").GetBoolean());
        Assert.Equal(1, (await factory.Repositories.Workflows.GetAsync(Storage.Repositories.Caller.Admin(Guid.Empty), id))!.Version);
    }

    [Fact]
    public async Task Optimize_Apply_SavesTheOptimisedDefinitionAsANewVersion()
    {
        using var client = factory.AdminClient();
        var id = await CreateAsync(client);

        using var response = await client.PostJsonAsync($"/api/v1/workflows/{id}/optimize", """{ "apply": true }""");
        var body = await response.ReadJsonAsync();

        Assert.True(body.GetProperty("applied").GetBoolean());
        var workflow = body.GetProperty("workflow");
        Assert.Equal(2, workflow.GetProperty("version").GetInt32());
        Assert.Equal(["a", "b"], workflow.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Empty(workflow.GetProperty("edges").EnumerateArray());
        Assert.All(workflow.GetProperty("nodes").EnumerateArray(), n => Assert.Equal(3, n.GetProperty("retry").GetProperty("maxAttempts").GetInt32()));
    }

    [Theory]
    [InlineData("""{ "apply": "yes" }""", "/apply")]
    [InlineData("""{ "apply": true, "force": 1 }""", "/force")]
    [InlineData("""[ true ]""", "")]
    [InlineData("""{ "apply": """, "")]
    public async Task Optimize_BadBody_Answers400WithThePointer_AndChangesNothing(string json, string pointer)
    {
        using var client = factory.AdminClient();
        var id = await CreateAsync(client);

        using var response = await client.PostJsonAsync($"/api/v1/workflows/{id}/optimize", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, pointer);
        Assert.Equal(1, (await factory.Repositories.Workflows.GetAsync(Storage.Repositories.Caller.Admin(Guid.Empty), id))!.Version);
    }

    [Fact]
    public async Task Optimize_AWorkflowTheCallerCannotSee_Answers404()
    {
        using var admin = factory.AdminClient();
        var id = await CreateAsync(admin);
        var (_, stranger) = await factory.CreateMemberAsync();
        using (stranger)
        {
            using var response = await stranger.PostJsonAsync($"/api/v1/workflows/{id}/optimize", """{ "apply": true }""");

            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(1, (await factory.Repositories.Workflows.GetAsync(Storage.Repositories.Caller.Admin(Guid.Empty), id))!.Version);
    }
}
