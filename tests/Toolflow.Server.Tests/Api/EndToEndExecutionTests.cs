using System.Net;
using System.Text.Json;

namespace Toolflow.Server.Tests.Api;

/// <summary>Create → execute → a worker runs it → approve over the API → completed, through the real pipeline.</summary>
public sealed class EndToEndExecutionTests(WorkerToolflowFactory factory) : IClassFixture<WorkerToolflowFactory>
{
    [Fact]
    public async Task ApprovalWorkflow_WaitsForTheSignal_ThenCompletesWithItsPayload()
    {
        using var client = factory.AdminClient();
        using var created = await client.PostJsonAsync("/api/v1/workflows", """
            { "name": "Needs approval", "status": "active",
              "nodes": [
                { "id": "ask", "tool": "flow.approval", "config": { "message": "ship {{ input.what }}?" } },
                { "id": "done", "tool": "data.template", "config": { "template": "approved={{ nodes.ask.output.approved }} by {{ nodes.ask.output.by }}" } }
              ],
              "edges": [ { "source": "ask", "target": "done" } ] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var id = await client.ExecuteAsync(workflowId, """{"what":"v2"}""");

        await client.WaitForExecutionAsync(id, "waiting");
        using var signal = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"approved":true,"payload":{"by":"ada"}}""");
        var completed = await client.WaitForExecutionAsync(id, "completed");

        Assert.Equal(HttpStatusCode.Accepted, signal.StatusCode);
        Assert.Equal("approved=true by ada", completed.GetProperty("output").GetProperty("done").GetProperty("text").GetString());
    }

    /// <summary>
    /// A signal is for a node that takes signals (flow.approval): one naming no node of the workflow, a delay,
    /// or an approval that has already ended is refused instead of answering 202 and being dropped.
    /// </summary>
    [Fact]
    public async Task Signal_ToAnUnknownDelayOrEndedNode_IsRefused_AndTheExecutionGoesOnWaiting()
    {
        using var client = factory.AdminClient();
        using var created = await client.PostJsonAsync("/api/v1/workflows", """
            { "name": "Approve then wait", "status": "active",
              "nodes": [
                { "id": "ask", "tool": "flow.approval", "config": { "message": "go?" } },
                { "id": "pause_a_minute", "tool": "flow.delay", "config": { "durationMs": 600000 } }
              ],
              "edges": [ { "source": "ask", "target": "pause_a_minute" } ] }
            """);
        var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var id = await client.ExecuteAsync(workflowId, "{}");
        await client.WaitForExecutionAsync(id, "waiting");
        using var approved = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"nodeId":"ask","approved":true}""");
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        var delayed = await WaitForNodeAsync(client, id, "pause_a_minute");

        using var unknown = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"nodeId":"nobody","approved":true}""");
        using var delay = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"nodeId":"pause_a_minute"}""");
        using var onlyTheDelayWaits = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"approved":true}""");
        using var ended = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"nodeId":"ask","approved":false}""");

        var problem = await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "/nodeId");
        Assert.Contains("nobody", problem.GetProperty("errors").GetProperty("/nodeId")[0].GetString(), StringComparison.Ordinal);
        await delay.AssertProblemAsync(HttpStatusCode.BadRequest, "/nodeId");
        await onlyTheDelayWaits.AssertProblemAsync(HttpStatusCode.BadRequest, "/nodeId");
        await ended.AssertProblemAsync(HttpStatusCode.Conflict);
        var after = await (await client.GetAsync($"/api/v1/executions/{id}")).ReadJsonAsync();
        Assert.Equal("waiting", after.GetProperty("status").GetString());
        Assert.Equal(delayed.GetProperty("nodes").ToString(), after.GetProperty("nodes").ToString());
        using var cancelled = await client.PostEmptyAsync($"/api/v1/executions/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    private static async Task<JsonElement> WaitForNodeAsync(HttpClient client, Guid id, string nodeId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(deadline.IsCancellationRequested, $"node {nodeId} never started");
            var body = await client.WaitForExecutionAsync(id, "waiting");
            if (body.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("nodeId").GetString() == nodeId))
            {
                return body;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task DbQueryNode_UsesTheOwnersCredential_ResolvedByTheWorker()
    {
        var databaseFile = Path.Combine(Path.GetTempPath(), $"toolflow-e2e-{Guid.NewGuid():N}.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t(v INTEGER); INSERT INTO t VALUES (7), (35);";
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        using var client = factory.AdminClient();
        using var credential = await client.PostJsonAsync("/api/v1/credentials",
            $$"""{ "name": "numbers", "type": "sqlite", "data": { "path": {{JsonSerializer.Serialize(databaseFile)}} } }""");
        Assert.Equal(HttpStatusCode.Created, credential.StatusCode);
        using var created = await client.PostJsonAsync("/api/v1/workflows", """
            { "name": "Sum", "status": "active",
              "nodes": [ { "id": "sum", "tool": "db.query", "credential": "numbers", "config": { "sql": "SELECT sum(v) AS total FROM t" } } ] }
            """);
        var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        var id = await client.ExecuteAsync(workflowId, "{}");
        var completed = await client.WaitForExecutionAsync(id, "completed");

        Assert.Equal(42, completed.GetProperty("output").GetProperty("sum").GetProperty("rows")[0].GetProperty("total").GetInt32());
        File.Delete(databaseFile);
    }
}
