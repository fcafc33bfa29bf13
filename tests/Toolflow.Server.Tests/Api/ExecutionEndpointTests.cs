using System.Net;
using Toolflow.Core.Definitions;

namespace Toolflow.Server.Tests.Api;

public sealed class ExecutionEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task Get_AnswersTheExecutionWithItsNodes()
    {
        using var client = factory.AdminClient();
        var workflowId = await client.CreateWorkflowAsync();
        var id = await client.ExecuteAsync(workflowId);
        await factory.Repositories.Executions.UpsertNodeAsync(id, new Storage.Repositories.Executions.NodeExecutionWrite("hello", NodeStatus.Completed)
        {
            Attempts = 1,
            Output = new System.Text.Json.Nodes.JsonObject { ["text"] = "Hello Ada" },
        });

        using var response = await client.GetAsync($"/api/v1/executions/{id}");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("queued", body.GetProperty("status").GetString());
        Assert.Equal("manual", body.GetProperty("triggerType").GetString());
        using var workflow = await client.GetAsync($"/api/v1/workflows/{workflowId}");
        Assert.Equal((await workflow.ReadJsonAsync()).GetProperty("ownerId").GetGuid(), body.GetProperty("triggeredBy").GetGuid());
        Assert.False(body.TryGetProperty("wakeAt", out _));
        var node = Assert.Single(body.GetProperty("nodes").EnumerateArray());
        Assert.Equal("hello", node.GetProperty("nodeId").GetString());
        Assert.Equal("Hello Ada", node.GetProperty("output").GetProperty("text").GetString());
    }

    /// <summary>SPEC §2's resource usage, as the store keeps it (UsageJson), is what the execution resource answers.</summary>
    [Fact]
    public async Task Get_AnswersTheStoredResourceUsage()
    {
        using var client = factory.AdminClient();
        var id = await client.ExecuteAsync(await client.CreateWorkflowAsync());
        var stored = Storage.ExecutionStore.UsageJson.Write(new Core.Execution.ResourceUsage { NodeTimeMs = 1500, BytesIn = 7, BytesOut = 9, InputTokens = 120, OutputTokens = 30, CostUsd = 0.25m });
        Assert.True(await factory.Repositories.Executions.UpdateProgressAsync(id, new Storage.Repositories.Executions.ExecutionProgress(1, 0, 0, 0) { ResourceUsage = stored }));

        using var response = await client.GetAsync($"/api/v1/executions/{id}");
        var usage = (await response.ReadJsonAsync()).GetProperty("resourceUsage");

        Assert.Equal(1500, usage.GetProperty("nodeTimeMs").GetInt64());
        Assert.Equal(7, usage.GetProperty("bytesIn").GetInt64());
        Assert.Equal(9, usage.GetProperty("bytesOut").GetInt64());
        Assert.Equal(120, usage.GetProperty("llmInputTokens").GetInt64());
        Assert.Equal(30, usage.GetProperty("llmOutputTokens").GetInt64());
        Assert.Equal(0.25m, usage.GetProperty("costUsd").GetDecimal());
    }

    /// <summary>SPEC §4: <c>nodes</c> holds one entry per node; those not started yet are <c>pending</c>.</summary>
    [Fact]
    public async Task Execution_ListsEveryNode_ThoseNotStartedArePending()
    {
        using var client = factory.AdminClient();
        using var created = await client.PostJsonAsync("/api/v1/workflows", """
            { "name": "Three steps",
              "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": {} } },
                         { "id": "b", "tool": "data.set", "config": { "values": {} } },
                         { "id": "c", "tool": "data.set", "config": { "values": {} } } ],
              "edges": [ { "source": "a", "target": "b" }, { "source": "b", "target": "c" } ] }
            """);
        var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        using var executed = await client.PostJsonAsync($"/api/v1/workflows/{workflowId}/execute", "{}");
        var queued = await executed.ReadJsonAsync();
        var id = queued.GetProperty("id").GetGuid();
        await factory.Repositories.Executions.UpsertNodeAsync(id, new Storage.Repositories.Executions.NodeExecutionWrite("a", NodeStatus.Completed) { Attempts = 1 });
        using var response = await client.GetAsync($"/api/v1/executions/{id}");
        var body = await response.ReadJsonAsync();

        Assert.Equal(["a:pending:0", "b:pending:0", "c:pending:0"], Entries(queued));
        Assert.Equal(["a:completed:1", "b:pending:0", "c:pending:0"], Entries(body));
        Assert.False(body.GetProperty("nodes")[1].TryGetProperty("startedAt", out _));
    }

    private static IEnumerable<string> Entries(System.Text.Json.JsonElement execution) =>
        execution.GetProperty("nodes").EnumerateArray().Select(n => $"{n.GetProperty("nodeId").GetString()}:{n.GetProperty("status").GetString()}:{n.GetProperty("attempts").GetInt32()}");

    [Fact]
    public async Task PauseResumeCancel_FollowTheTransitionTable_AndAFinalStateAnswers409()
    {
        using var client = factory.AdminClient();
        var id = await client.ExecuteAsync(await client.CreateWorkflowAsync());

        using var paused = await client.PostEmptyAsync($"/api/v1/executions/{id}/pause");
        var pausedStatus = (await paused.ReadJsonAsync()).GetProperty("status").GetString();
        using var resumed = await client.PostEmptyAsync($"/api/v1/executions/{id}/resume");
        var resumedStatus = (await resumed.ReadJsonAsync()).GetProperty("status").GetString();
        using var resumedAgain = await client.PostEmptyAsync($"/api/v1/executions/{id}/resume");
        using var cancelled = await client.PostEmptyAsync($"/api/v1/executions/{id}/cancel");
        var cancelledStatus = (await cancelled.ReadJsonAsync()).GetProperty("status").GetString();
        using var cancelAgain = await client.PostEmptyAsync($"/api/v1/executions/{id}/cancel");
        using var pauseFinal = await client.PostEmptyAsync($"/api/v1/executions/{id}/pause");
        using var retry = await client.PostEmptyAsync($"/api/v1/executions/{id}/retry");

        Assert.Equal("paused", pausedStatus);
        Assert.Equal("queued", resumedStatus);
        await resumedAgain.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("cancelled", cancelledStatus);
        await cancelAgain.AssertProblemAsync(HttpStatusCode.Conflict);
        await pauseFinal.AssertProblemAsync(HttpStatusCode.Conflict);
        await retry.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Retry_AFailedExecution_RequeuesIt()
    {
        using var client = factory.AdminClient();
        var id = await client.ExecuteAsync(await client.CreateWorkflowAsync());
        await factory.Repositories.Executions.TransitionAsync(id, ExecutionStatus.Queued, ExecutionStatus.Failed);

        using var retried = await client.PostEmptyAsync($"/api/v1/executions/{id}/retry");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("queued", (await retried.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnotherUsersExecution_Answers404_OnEveryVerb()
    {
        using var admin = factory.AdminClient();
        var id = await admin.ExecuteAsync(await admin.CreateWorkflowAsync());
        var (_, member) = await factory.CreateMemberAsync();
        using (member)
        {
            using var get = await member.GetAsync($"/api/v1/executions/{id}");
            await get.AssertProblemAsync(HttpStatusCode.NotFound);
            foreach (var verb in new[] { "pause", "resume", "cancel", "retry" })
            {
                using var response = await member.PostEmptyAsync($"/api/v1/executions/{id}/{verb}");
                await response.AssertProblemAsync(HttpStatusCode.NotFound);
            }

            using var events = await member.GetAsync($"/api/v1/executions/{id}/events");
            await events.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Cancel_WithOnlyAViewShare_Answers403()
    {
        using var admin = factory.AdminClient();
        var workflowId = await admin.CreateWorkflowAsync();
        var id = await admin.ExecuteAsync(workflowId);
        var (memberId, member) = await factory.CreateMemberAsync();
        var owner = (await factory.Repositories.Users.GetByEmailAsync("admin@localhost"))!;
        await factory.Repositories.Shares.GrantAsync(owner.AsCaller(), workflowId, memberId, SharePermission.View);
        using (member)
        {
            using var get = await member.GetAsync($"/api/v1/executions/{id}");
            using var cancel = await member.PostEmptyAsync($"/api/v1/executions/{id}/cancel");

            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            await cancel.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Signal_ValidatesItsBody_AndNeedsAWaitingNode()
    {
        using var client = factory.AdminClient();
        var id = await client.ExecuteAsync(await client.CreateWorkflowAsync());

        using var invalid = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"nodeId":"1 bad","unknown":true}""");
        using var nothingWaits = await client.PostJsonAsync($"/api/v1/executions/{id}/signal", """{"approved":true}""");
        using var missing = await client.PostJsonAsync($"/api/v1/executions/{Guid.NewGuid()}/signal", """{"approved":true}""");

        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest);
        await nothingWaits.AssertProblemAsync(HttpStatusCode.BadRequest, "/nodeId");
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>GET /executions: every run the caller may see, newest first; a member never sees another's.</summary>
    [Fact]
    public async Task ListAll_GivesTheCallersVisibleRuns_NewestFirst_WithFiltersAndPaging()
    {
        using var admin = factory.AdminClient();
        var (_, member) = await factory.CreateMemberAsync();
        using (member)
        {
            var adminsRun = await admin.ExecuteAsync(await admin.CreateWorkflowAsync());
            var workflow = await member.CreateWorkflowAsync();
            var first = await member.ExecuteAsync(workflow);
            var second = await member.ExecuteAsync(workflow);
            using (await member.PostEmptyAsync($"/api/v1/executions/{second}/cancel"))
            {
            }

            using var page1 = await member.GetAsync("/api/v1/executions?limit=1");
            var body1 = await page1.ReadJsonAsync();
            using var page2 = await member.GetAsync($"/api/v1/executions?limit=1&cursor={Uri.EscapeDataString(body1.GetProperty("nextCursor").GetString()!)}");
            using var cancelled = await member.GetAsync("/api/v1/executions?status=cancelled");
            using var everyone = await admin.GetAsync("/api/v1/executions?limit=100");

            // Newest first by (createdAt, id): the two runs may share a millisecond, so only createdAt is compared.
            Assert.Equal(HttpStatusCode.OK, page1.StatusCode);
            var top = Assert.Single(body1.GetProperty("items").EnumerateArray());
            var rest = Assert.Single((await page2.ReadJsonAsync()).GetProperty("items").EnumerateArray());
            Assert.Equal(new HashSet<Guid> { first, second }, [top.GetProperty("id").GetGuid(), rest.GetProperty("id").GetGuid()]);
            Assert.True(top.GetProperty("createdAt").GetDateTimeOffset() >= rest.GetProperty("createdAt").GetDateTimeOffset(), "the first page holds the newer run");
            Assert.Equal([second], (await cancelled.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
            var all = (await everyone.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ToList();
            Assert.Contains(adminsRun, all);
            Assert.Contains(first, all);
        }
    }

    [Theory]
    [InlineData("status=finished", "/status")]
    [InlineData("limit=0", "/limit")]
    [InlineData("limit=101", "/limit")]
    [InlineData("from=yesterday", "/from")]
    public async Task ListAll_BadParameters_Are400_NamingTheParameter(string query, string pointer)
    {
        using var admin = factory.AdminClient();

        using var response = await admin.GetAsync($"/api/v1/executions?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, pointer);
    }

    [Fact]
    public async Task ListAll_WithoutAKey_Is401()
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.GetAsync("/api/v1/executions");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
