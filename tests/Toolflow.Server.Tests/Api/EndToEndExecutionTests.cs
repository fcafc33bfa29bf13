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

    /// <summary>flow.subworkflow on the server: each item starts a child execution of the other workflow (parentExecutionId set) and outputs its output.</summary>
    [Fact]
    public async Task Subworkflow_RunsTheChildPerItem_AndOutputsItsOutput()
    {
        using var client = factory.AdminClient();
        var child = await CreateAsync(client, """
            { "name": "Double", "inputSchema": { "type": "object", "properties": { "n": { "type": "integer" } }, "required": ["n"] },
              "output": "{{ nodes.double.output }}",
              "nodes": [ { "id": "double", "tool": "code.javascript", "config": { "code": "if (input.n === 3) throw new Error('three'); return input.n * 2;" } } ] }
            """);
        var parent = await CreateAsync(client, $$$"""
            { "name": "Fan out",
              "nodes": [ { "id": "each", "tool": "flow.subworkflow", "forEach": "{{ input.items }}", "concurrency": 2,
                           "config": { "workflowId": "{{{child}}}", "input": { "n": "{{ item }}" } } } ] }
            """);

        var completed = await client.WaitForExecutionAsync(await client.ExecuteAsync(parent, """{"items":[1,2,4]}"""), "completed", "failed");
        var failed = await client.WaitForExecutionAsync(await client.ExecuteAsync(parent, """{"items":[3]}"""), "completed", "failed");
        var badInput = await client.WaitForExecutionAsync(await client.ExecuteAsync(parent, """{"items":["x"]}"""), "completed", "failed");
        using var children = await client.GetAsync($"/api/v1/workflows/{child}/executions?limit=100");

        Assert.True(completed.GetProperty("status").GetString() == "completed", completed.ToString());
        Assert.Equal("[2,4,8]", completed.GetProperty("output").GetProperty("each").GetRawText());
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("subworkflow.failed", failed.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("Error: three", failed.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("failed", badInput.GetProperty("status").GetString());
        Assert.Contains("/input/n", badInput.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        // The execution's error says whether a retry may help: a child run that failed may not fail again, a child
        // input its schema refuses always will (docs/durable.md).
        Assert.True(failed.GetProperty("error").GetProperty("retryable").GetBoolean());
        Assert.False(badInput.GetProperty("error").GetProperty("retryable").GetBoolean());
        var runs = (await children.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, runs.Count);
        Assert.Equal(3, runs.Count(r => r.GetProperty("parentExecutionId").GetString() == completed.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Subworkflow_RetryOfAFailedParent_StartsANewChild()
    {
        using var client = factory.AdminClient();
        const string Child = """{ "name": "Picky", "output": "{{ nodes.check.output }}", "nodes": [ { "id": "check", "tool": "code.javascript", "config": { "code": "CODE" } } ] }""";
        var child = await CreateAsync(client, Child.Replace("CODE", "throw new Error('not yet');", StringComparison.Ordinal));
        var parent = await CreateAsync(client, $$$"""{ "name": "Calls picky", "nodes": [ { "id": "call", "tool": "flow.subworkflow", "config": { "workflowId": "{{{child}}}" } } ] }""");
        var id = await client.ExecuteAsync(parent, "{}");
        await client.WaitForExecutionAsync(id, "failed");

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workflows/{child}") { Content = ApiTestData.JsonText(Child.Replace("CODE", "return 'now';", StringComparison.Ordinal)) };
        request.Headers.TryAddWithoutValidation("If-Match", "1");
        using var updated = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        using var retried = await client.PostEmptyAsync($"/api/v1/executions/{id}/retry");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var completed = await client.WaitForExecutionAsync(id, "completed", "failed");

        Assert.True(completed.GetProperty("status").GetString() == "completed", completed.ToString());
        Assert.Equal("now", completed.GetProperty("output").GetProperty("call").GetString());
        using var children = await client.GetAsync($"/api/v1/workflows/{child}/executions");
        Assert.Equal(["completed", "failed"], (await children.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("status").GetString()).Order());
    }

    [Fact]
    public async Task Subworkflow_OfAWorkflowTheOwnerCannotSee_FailsTheNode()
    {
        using var admin = factory.AdminClient();
        var hidden = await CreateAsync(admin, """{ "name": "Admin only", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": {} } } ] }""");
        var (_, member) = await factory.CreateMemberAsync();
        using (member)
        {
            var parent = await CreateAsync(member, $$$"""
                { "name": "Peek", "nodes": [ { "id": "call", "tool": "flow.subworkflow", "config": { "workflowId": "{{{hidden}}}" } } ] }
                """);

            var failed = await member.WaitForExecutionAsync(await member.ExecuteAsync(parent, "{}"), "completed", "failed");

            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Equal("subworkflow.failed", failed.GetProperty("error").GetProperty("kind").GetString());
            using var hiddenRuns = await admin.GetAsync($"/api/v1/workflows/{hidden}/executions");
            Assert.Equal(0, (await hiddenRuns.ReadJsonAsync()).GetProperty("items").GetArrayLength());
        }
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string definition)
    {
        using var created = await client.PostJsonAsync("/api/v1/workflows", definition);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
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
        var wakesIn = after.GetProperty("wakeAt").GetDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(wakesIn, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));
        using var cancelled = await client.PostEmptyAsync($"/api/v1/executions/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }

    private static async Task<JsonElement> WaitForNodeAsync(HttpClient client, Guid id, string nodeId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(deadline.IsCancellationRequested, $"node {nodeId} never started running");
            var body = await client.WaitForExecutionAsync(id, "waiting");
            if (body.GetProperty("nodes").EnumerateArray().Any(n => n.GetProperty("nodeId").GetString() == nodeId && n.GetProperty("status").GetString() == "running"))
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
