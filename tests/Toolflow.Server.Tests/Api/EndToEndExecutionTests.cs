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
