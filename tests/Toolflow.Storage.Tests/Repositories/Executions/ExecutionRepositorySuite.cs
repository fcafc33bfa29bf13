using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Executions;

public abstract class ExecutionRepositorySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task Create_QueuesTheCurrentVersion_AndEnqueuesOneJobInTheSameTransaction()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple("v2") });

        var created = await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { Input = new JsonObject { ["topic"] = "news" } });

        Assert.True(created.Created);
        var execution = created.Execution;
        Assert.Equal(ExecutionStatus.Queued, execution.Status);
        Assert.Equal(2, execution.WorkflowVersion);
        Assert.Equal(owner.UserId, execution.TriggeredBy);
        Assert.Equal("news", execution.Input?["topic"]?.GetValue<string>());
        var job = (await _h.Database.QueryAsync("SELECT kind, payload, unique_key FROM jobs WHERE unique_key = @key", new { key = ExecutionJobs.UniqueKey(execution.Id) })).Single();
        Assert.Equal("execution", job["kind"]);
        Assert.Equal(execution.Id.ToString("D"), JsonNode.Parse((string)job["payload"]!)?["executionId"]?.GetValue<string>());
    }

    [StoreFact]
    public async Task Create_KnowsTheTotalStepsOfItsVersion_BeforeAnyWorkerRunsIt()
    {
        // A queued run of a 3-node workflow reads 0 of 3, not 0 of 0; a later version's node count is its own.
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var first = await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id));
        var shorter = Definitions.Simple("v2") with { Nodes = [.. Definitions.Simple().Nodes.Take(1)], Edges = [] };
        await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Definition = shorter });
        var second = await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id));

        Assert.Equal(3, first.Execution.TotalSteps);
        Assert.Equal(1, second.Execution.TotalSteps);
        Assert.Equal(3, (await _h.Executions.GetAsync(owner, first.Execution.Id))!.TotalSteps);
    }

    [StoreFact]
    public async Task Create_WithoutEnqueue_WritesNoJob()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);

        var created = await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { Enqueue = false });

        Assert.Equal(0, await _h.Database.CountAsync("SELECT count(*) FROM jobs WHERE unique_key = @key", new { key = ExecutionJobs.UniqueKey(created.Execution.Id) }));
    }

    [StoreFact]
    public async Task Create_WithTheSameIdempotencyKeyInParallel_MakesOneExecutionAndOneJob()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var other = await _h.WorkflowAsync(owner);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { IdempotencyKey = "order-42" })));

        Assert.Single(results.Select(r => r.Execution.Id).Distinct());
        Assert.Single(results, r => r.Created);
        Assert.Equal(1, await _h.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @id", new { id = workflow.Id }));
        Assert.Equal(1, await _h.Database.CountAsync("SELECT count(*) FROM jobs WHERE unique_key = @key", new { key = ExecutionJobs.UniqueKey(results[0].Execution.Id) }));
        var elsewhere = await _h.Executions.CreateAsync(owner, new NewExecution(other.Id) { IdempotencyKey = "order-42" });
        Assert.True(elsewhere.Created);
    }

    [StoreFact]
    public async Task Create_ForAViewerIsInsufficient_ForAStrangerNotFound_ForAnArchivedWorkflowAConflict_AndWritesNothing()
    {
        var owner = await _h.MemberAsync();
        var viewer = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var archived = await _h.WorkflowAsync(owner);
        await _h.Workflows.ArchiveAsync(owner, archived.Id);
        await _h.ShareAsync(workflow.Id, viewer.UserId, "view");
        var before = (await _h.CountAsync("workflow_executions"), await _h.CountAsync("jobs"));

        await Assert.ThrowsAsync<InsufficientPermissionException>(() => _h.Executions.CreateAsync(viewer, new NewExecution(workflow.Id)));
        var stranger = await _h.MemberAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.CreateAsync(stranger, new NewExecution(workflow.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.CreateAsync(owner, new NewExecution(Guid.NewGuid())));
        await Assert.ThrowsAsync<ConflictException>(() => _h.Executions.CreateAsync(owner, new NewExecution(archived.Id)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { IdempotencyKey = new string('k', 201) }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id) { TriggerType = (TriggerType)12 }));

        Assert.Equal(before, (await _h.CountAsync("workflow_executions"), await _h.CountAsync("jobs")));
    }

    [StoreFact]
    public async Task Create_WithAParentExecutionOfAnotherUser_IsAValidationErrorAndWritesNothing()
    {
        var owner = await _h.MemberAsync();
        var other = await _h.MemberAsync();
        var mine = await _h.WorkflowAsync(owner);
        var theirs = (await _h.Executions.CreateAsync(other, new NewExecution((await _h.WorkflowAsync(other)).Id))).Execution;
        var parent = (await _h.Executions.CreateAsync(owner, new NewExecution(mine.Id))).Execution;
        var before = (await _h.CountAsync("workflow_executions"), await _h.CountAsync("jobs"));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(
            () => _h.Executions.CreateAsync(owner, new NewExecution(mine.Id) { ParentExecutionId = theirs.Id }));

        Assert.Contains("/parentExecutionId", error.Errors.Keys);
        Assert.Equal(before, (await _h.CountAsync("workflow_executions"), await _h.CountAsync("jobs")));
        var child = await _h.Executions.CreateAsync(owner, new NewExecution(mine.Id) { ParentExecutionId = parent.Id, TriggerType = TriggerType.Workflow });
        Assert.Equal(parent.Id, child.Execution.ParentExecutionId);
    }

    [StoreFact]
    public async Task CreateTriggered_RunsWithoutACaller_AndRecordsNoUser()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner, trigger: TriggerType.Webhook);

        var created = await _h.Executions.CreateTriggeredAsync(new NewExecution(workflow.Id) { TriggerType = TriggerType.Webhook, Input = new JsonObject { ["body"] = 1 } });

        Assert.Null(created.Execution.TriggeredBy);
        Assert.Equal(TriggerType.Webhook, created.Execution.TriggerType);
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.CreateTriggeredAsync(new NewExecution(Guid.NewGuid())));
    }

    [StoreFact]
    public async Task Get_ReturnsNodeExecutions_ToThoseWhoSeeTheWorkflow_AndNullToAStranger()
    {
        var owner = await _h.MemberAsync();
        var friend = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        await _h.ShareAsync(workflow.Id, friend.UserId, "view");
        var execution = (await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id))).Execution;
        await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("fetch", NodeStatus.Completed) { Attempts = 1, Output = new JsonObject { ["status"] = 200 } });

        var seen = await _h.Executions.GetAsync(friend, execution.Id);
        Assert.Equal(200, seen?.Nodes.Single().Output?["status"]?.GetValue<int>());
        Assert.NotNull(await _h.Executions.GetAsync(await _h.AdminAsync(), execution.Id));
        Assert.Null(await _h.Executions.GetAsync(await _h.MemberAsync(), execution.Id));
        Assert.Null(await _h.Executions.ListAsync(await _h.MemberAsync(), workflow.Id, new ExecutionListQuery()));
        Assert.Null(await _h.Executions.GetAsync(owner, Guid.NewGuid()));
    }

    [StoreFact]
    public async Task UpsertNode_OverwritesOneRowPerNodeAndItem_WithAttempts()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var execution = (await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id))).Execution;

        await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("fetch", NodeStatus.Running) { Attempts = 1, Tool = "http.request" });
        await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("fetch", NodeStatus.Failed) { Attempts = 1, Error = new JsonObject { ["message"] = "503" } });
        var last = await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("fetch", NodeStatus.Completed) { Attempts = 2, DurationMs = 40 });
        await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("each", NodeStatus.Completed) { ItemIndex = 0 });
        await _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("each", NodeStatus.Completed) { ItemIndex = 1 });

        Assert.Equal(2, last.Attempts);
        Assert.Null(last.Error);
        var nodes = (await _h.Executions.GetForEngineAsync(execution.Id))!.Nodes;
        Assert.Equal(3, nodes.Count);
        Assert.Equal(NodeStatus.Completed, nodes.Single(n => n.NodeId == "fetch").Status);
        Assert.Equal([0, 1], nodes.Where(n => n.NodeId == "each").Select(n => n.ItemIndex ?? -1).Order());
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("", NodeStatus.Running)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Executions.UpsertNodeAsync(execution.Id, new NodeExecutionWrite("x", (NodeStatus)99)));
    }

    [StoreFact]
    public async Task Progress_IsStoredAndReadBack()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var execution = (await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id))).Execution;

        Assert.True(await _h.Executions.UpdateProgressAsync(execution.Id, new ExecutionProgress(5, 2, 1, 1) { CurrentNodes = ["ok"], ResourceUsage = new JsonObject { ["llmTokens"] = 12 } }));

        var read = (await _h.Executions.GetForEngineAsync(execution.Id))!;
        Assert.Equal((5, 2, 1, 1), (read.TotalSteps, read.StepsCompleted, read.StepsFailed, read.StepsSkipped));
        Assert.Equal(["ok"], read.CurrentNodes);
        Assert.Equal(12, read.ResourceUsage?["llmTokens"]?.GetValue<int>());
        Assert.False(await _h.Executions.UpdateProgressAsync(Guid.NewGuid(), new ExecutionProgress(1, 0, 0, 0)));
    }

    [StoreFact]
    public async Task RecordStep_WritesNodesAndProgressTogether_UnderTheLease_AndNothingWithoutIt()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var execution = (await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id))).Execution;
        await _h.Executions.TransitionAsync(execution.Id, ExecutionStatus.Queued, ExecutionStatus.Running);
        var lease = Guid.NewGuid();
        await _h.Database.ExecuteAsync("UPDATE workflow_executions SET lease_token = @lease WHERE id = @id", new { lease, id = execution.Id });
        NodeExecutionWrite[] step = [new("fetch", NodeStatus.Completed) { Attempts = 1 }, new("ok", NodeStatus.Running)];

        var written = await _h.Executions.RecordStepAsync(execution.Id, lease, step, new ExecutionProgress(3, 1, 0, 0) { CurrentNodes = ["ok"] });
        Assert.Equal(2, written.Count);

        var lost = new NodeExecutionWrite[] { new("ok", NodeStatus.Completed), new("summary", NodeStatus.Running) };
        await Assert.ThrowsAsync<LeaseLostException>(() => _h.Executions.RecordStepAsync(execution.Id, Guid.NewGuid(), lost, new ExecutionProgress(3, 2, 0, 0)));

        var read = (await _h.Executions.GetForEngineAsync(execution.Id))!;
        Assert.Equal(1, read.StepsCompleted);
        Assert.Equal(["fetch", "ok"], read.Nodes.Select(n => n.NodeId).Order(StringComparer.Ordinal));
        Assert.Equal(NodeStatus.Running, read.Nodes.Single(n => n.NodeId == "ok").Status);
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Executions.RecordStepAsync(Guid.NewGuid(), null, step, new ExecutionProgress(1, 0, 0, 0)));
    }

    [StoreFact]
    public async Task List_FiltersByStatusAndTime_NewestFirst_WithACursor()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var made = new List<ExecutionRecord>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await _h.Executions.CreateAsync(owner, new NewExecution(workflow.Id))).Execution);
        }

        await _h.Executions.TransitionAsync(made[1].Id, ExecutionStatus.Queued, ExecutionStatus.Cancelled);
        var firstPage = (await _h.Executions.ListAsync(owner, workflow.Id, new ExecutionListQuery { Limit = 3 }))!;
        var secondPage = (await _h.Executions.ListAsync(owner, workflow.Id, new ExecutionListQuery { Limit = 3, Cursor = firstPage.NextCursor }))!;

        Assert.Equal(made.Select(e => e.Id).Reverse(), firstPage.Items.Concat(secondPage.Items).Select(e => e.Id));
        Assert.Null(secondPage.NextCursor);
        Assert.Equal([made[1].Id], (await _h.Executions.ListAsync(owner, workflow.Id, new ExecutionListQuery { Statuses = [ExecutionStatus.Cancelled] }))!.Items.Select(e => e.Id));
        var window = await _h.Executions.ListAsync(owner, workflow.Id, new ExecutionListQuery { CreatedFrom = made[1].CreatedAt, CreatedTo = made[3].CreatedAt });
        Assert.Equal([made[2].Id, made[1].Id], window!.Items.Select(e => e.Id));
    }
}

public sealed class SqliteExecutionRepositoryTests(SqliteStoreFixture store) : ExecutionRepositorySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresExecutionRepositoryTests(PostgresStoreFixture store) : ExecutionRepositorySuite(store), IClassFixture<PostgresStoreFixture>;
