using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Queue;
using Toolflow.Storage.Tests.Repositories;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.ExecutionStore;

/// <summary>The engine's store on the database: atomic, fenced commits and a gap-free event log.</summary>
public abstract class DatabaseExecutionStoreSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private async Task<(DatabaseExecutionStore Store, ExecutionLease Lease)> LeasedAsync()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        var created = await _h.Executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id) { Priority = 1000 });
        var leases = new ExecutionLeases(store.Database, _h.Clock);
        var lease = (await leases.ClaimAsync("w", 50, TimeSpan.FromMinutes(1), CancellationToken.None))
            .Single(l => l.ExecutionId == created.Execution.Id.ToString("D"));
        var engineStore = new DatabaseExecutionStore(store.Database, _h.Clock);
        engineStore.Hold(lease.ExecutionId, lease.Token);
        return (engineStore, lease);
    }

    private static ExecutionCommit Step(string id, string node, string text) => new()
    {
        ExecutionId = id,
        Nodes = [new NodeResult { NodeId = node, Status = NodeStatus.Completed, Output = new JsonObject { ["text"] = text }, Attempts = 1, Branch = "true" }],
        Progress = new ExecutionProgress { TotalSteps = 3, StepsCompleted = 1 },
        Events = [new PendingEvent(ExecutionEventTypes.NodeCompleted, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject { ["nodeId"] = node }))],
    };

    [StoreFact]
    public async Task Commit_WritesNodeProgressAndEvents_AndLoadReadsThemBack()
    {
        var (engineStore, lease) = await LeasedAsync();
        await engineStore.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running }, CancellationToken.None);
        var events = await engineStore.CommitAsync(Step(lease.ExecutionId, "fetch", "hello"), CancellationToken.None);

        Assert.Equal(1, events.Single().Sequence);
        var snapshot = await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None);
        Assert.NotNull(snapshot);
        Assert.Equal(ExecutionStatus.Running, snapshot.Status);
        Assert.Equal(1, snapshot.Progress.StepsCompleted);
        Assert.Equal(1, snapshot.LastSequence);
        Assert.Equal("hello", (string?)snapshot.Nodes["fetch"].Output?["text"]);
        Assert.Equal("true", snapshot.Nodes["fetch"].Branch);
        Assert.Equal(3, snapshot.Definition.Nodes.Count);
    }

    /// <summary>SPEC §2's resource usage: the engine's running total is stored with each step, shown by the API, and loaded back.</summary>
    [StoreFact]
    public async Task Commit_StoresTheRunsResourceUsage_TheApiReadsIt_AndLoadGivesItBack()
    {
        var (engineStore, lease) = await LeasedAsync();
        var usage = new ResourceUsage { NodeTimeMs = 1234, BytesIn = 10, BytesOut = 20, InputTokens = 300, OutputTokens = 40, CostUsd = 0.0125m };
        await engineStore.CommitAsync(Step(lease.ExecutionId, "fetch", "hello") with { Usage = usage }, CancellationToken.None);

        var snapshot = await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None);
        var record = await _h.Executions.GetForEngineAsync(Guid.Parse(lease.ExecutionId));

        Assert.Equal(usage, snapshot!.Usage);
        Assert.Equal(1234, (long)record!.ResourceUsage!["nodeTimeMs"]!);
        Assert.Equal(300, (long)record.ResourceUsage["llmInputTokens"]!);
        Assert.Equal(40, (long)record.ResourceUsage["llmOutputTokens"]!);
        Assert.Equal(0.0125m, (decimal)record.ResourceUsage["costUsd"]!);
    }

    [StoreFact]
    public async Task Commit_WithAStaleLeaseToken_WritesNothing()
    {
        var (engineStore, lease) = await LeasedAsync();
        var stale = new DatabaseExecutionStore(store.Database, _h.Clock);
        stale.Hold(lease.ExecutionId, Guid.NewGuid());

        await Assert.ThrowsAsync<ExecutionLeaseLostException>(async () => await stale.CommitAsync(Step(lease.ExecutionId, "fetch", "stale"), CancellationToken.None));

        var id = Guid.Parse(lease.ExecutionId);
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @id", new { id }));
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM execution_events WHERE execution_id = @id", new { id }));
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @id AND steps_completed > 0", new { id }));
    }

    [StoreFact]
    public async Task RunsThatKeepCrashing_DeadLetterTheJob_AndFailTheExecution()
    {
        var (_, lease) = await LeasedAsync();
        var leases = new ExecutionLeases(store.Database, _h.Clock);
        for (var attempt = 1; ; attempt++)
        {
            await leases.FailAsync(lease, $"crash {attempt}", TimeSpan.Zero, CancellationToken.None);
            if (attempt == lease.MaxAttempts)
            {
                break;
            }

            lease = (await leases.ClaimAsync("w", 50, TimeSpan.FromMinutes(1), CancellationToken.None)).Single(l => l.ExecutionId == lease.ExecutionId);
        }

        var id = Guid.Parse(lease.ExecutionId);
        Assert.Equal("failed", await store.Database.ScalarAsync("SELECT status FROM jobs WHERE id = @id", new { id = lease.JobId }));
        Assert.Equal("failed", await store.Database.ScalarAsync("SELECT status FROM workflow_executions WHERE id = @id", new { id }));
    }

    [StoreFact]
    public async Task AnExecutionWhoseWorkersAllDie_IsFailedByTheSweeper()
    {
        var (_, lease) = await LeasedAsync();
        var leases = new ExecutionLeases(store.Database, _h.Clock);
        var sweeper = new ExecutionSweeper(store.Database, _h.Clock);
        for (var attempt = 1; attempt < lease.MaxAttempts; attempt++)
        {
            _h.Clock.Advance(TimeSpan.FromMinutes(2));
            await sweeper.SweepAsync(1000, CancellationToken.None);
            lease = (await leases.ClaimAsync("w", 50, TimeSpan.FromMinutes(1), CancellationToken.None)).Single(l => l.ExecutionId == lease.ExecutionId);
        }

        _h.Clock.Advance(TimeSpan.FromMinutes(2));
        await sweeper.SweepAsync(1000, CancellationToken.None);

        Assert.Equal("failed", await store.Database.ScalarAsync("SELECT status FROM jobs WHERE id = @id", new { id = lease.JobId }));
        Assert.Equal("failed", await store.Database.ScalarAsync("SELECT status FROM workflow_executions WHERE id = @id", new { id = Guid.Parse(lease.ExecutionId) }));
    }

    [StoreFact]
    public async Task ConcurrentCommits_NumberEventsGapFree()
    {
        var (engineStore, lease) = await LeasedAsync();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
            await engineStore.CommitAsync(new ExecutionCommit
            {
                ExecutionId = lease.ExecutionId,
                Item = ("fetch", new ItemResult(i, i, 1)),
                Events = [new PendingEvent("item", DateTimeOffset.UnixEpoch, new JsonEventData([])), new PendingEvent("item", DateTimeOffset.UnixEpoch, new JsonEventData([]))],
            }, CancellationToken.None))));

        var id = Guid.Parse(lease.ExecutionId);
        var sequences = (await store.Database.QueryAsync("SELECT sequence FROM execution_events WHERE execution_id = @id ORDER BY sequence", new { id }))
            .Select(r => SqlValues.AsLong(r["sequence"])).ToList();
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), sequences);
        var snapshot = await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None);
        Assert.Equal(40, snapshot!.Nodes["fetch"].Items.Count);
    }

    private Task<long> CountAsync(string sql, Guid id) => store.Database.CountAsync(sql, new { id });

    private async Task<List<long>> SequencesAsync(Guid id) =>
        (await store.Database.QueryAsync("SELECT sequence FROM execution_events WHERE execution_id = @id ORDER BY sequence", new { id }))
            .Select(r => SqlValues.AsLong(r["sequence"])).ToList();

    private static PendingEvent Event(string type, string node) =>
        new(type, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject { ["nodeId"] = node }));

    [StoreFact]
    public async Task Commit_WithSeveralNodesAndEvents_UpsertsEachNodeOnce_AndNumbersEventsGapFree()
    {
        var (engineStore, lease) = await LeasedAsync();
        var id = Guid.Parse(lease.ExecutionId);
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero);
        var first = await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Status = ExecutionStatus.Running,
            StartedAt = started,
            Nodes = [new NodeResult { NodeId = "a", Status = NodeStatus.Running, StartedAt = started }],
            Events = [Event(ExecutionEventTypes.Status, "-"), Event(ExecutionEventTypes.NodeStarted, "a")],
        }, CancellationToken.None);

        // a completes and b starts in one commit; b is listed twice and keeps its last result.
        var second = await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Nodes =
            [
                new NodeResult { NodeId = "a", Status = NodeStatus.Completed, Attempts = 1, StartedAt = started, CompletedAt = started.AddMilliseconds(250), Output = new JsonObject { ["n"] = 1 } },
                new NodeResult { NodeId = "b", Status = NodeStatus.Pending },
                new NodeResult { NodeId = "b", Status = NodeStatus.Running, StartedAt = started.AddSeconds(1), Branch = "yes" },
            ],
            Item = ("a", new ItemResult(0, JsonValue.Create(7), 2)),
            Progress = new ExecutionProgress { TotalSteps = 2, StepsCompleted = 1, CurrentNodes = ["b"] },
            Events = [Event(ExecutionEventTypes.NodeCompleted, "a"), Event(ExecutionEventTypes.NodeStarted, "b"), Event("node.log", "b")],
        }, CancellationToken.None);

        Assert.Equal([1L, 2L], first.Select(e => e.Sequence));
        Assert.Equal([3L, 4L, 5L], second.Select(e => e.Sequence));
        Assert.All(second, e => Assert.Equal(lease.ExecutionId, e.ExecutionId));
        var workflowId = SqlValues.AsGuid(await store.Database.ScalarAsync("SELECT workflow_id FROM workflow_executions WHERE id = @id", new { id }));
        Assert.All(first.Concat(second), e => Assert.Equal(workflowId.ToString("D"), e.WorkflowId));
        Assert.Equal([1L, 2L, 3L, 4L, 5L], await SequencesAsync(id));
        var types = (await store.Database.QueryAsync("SELECT type FROM execution_events WHERE execution_id = @id ORDER BY sequence", new { id })).Select(r => (string?)r["type"]);
        Assert.Equal([ExecutionEventTypes.Status, ExecutionEventTypes.NodeStarted, ExecutionEventTypes.NodeCompleted, ExecutionEventTypes.NodeStarted, "node.log"], types);
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @id AND item_index IS NULL", id));
        Assert.Equal(250, SqlValues.AsLong(await store.Database.ScalarAsync(
            "SELECT duration_ms FROM executions WHERE workflow_execution_id = @id AND node_id = 'a' AND item_index IS NULL", new { id })));

        var snapshot = await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None);
        Assert.NotNull(snapshot);
        Assert.Equal(5, snapshot.LastSequence);
        Assert.Equal(NodeStatus.Completed, snapshot.Nodes["a"].Status);
        Assert.Equal(1, (int?)snapshot.Nodes["a"].Output?["n"]);
        Assert.Equal(7, (int?)snapshot.Nodes["a"].Items[0].Output);
        Assert.Equal(2, snapshot.Nodes["a"].Items[0].Attempts);
        Assert.Equal(NodeStatus.Running, snapshot.Nodes["b"].Status);
        Assert.Equal("yes", snapshot.Nodes["b"].Branch);
        Assert.Equal(["b"], snapshot.Progress.CurrentNodes);
    }

    [StoreFact]
    public async Task FinalCommit_MeasuresTheRunFromItsStoredStart_AndClearsTheControlRequest()
    {
        var (engineStore, lease) = await LeasedAsync();
        var id = Guid.Parse(lease.ExecutionId);
        var started = new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero);
        await engineStore.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running, StartedAt = started }, CancellationToken.None);
        await engineStore.RequestControlAsync(lease.ExecutionId, ControlRequest.Cancel, CancellationToken.None);
        Assert.Equal(ControlRequest.Cancel, (await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None))!.RequestedControl);

        await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Status = ExecutionStatus.Cancelled,
            CompletedAt = started.AddMilliseconds(1500),
            ClearControl = true,
            Events = [Event(ExecutionEventTypes.Status, "-")],
        }, CancellationToken.None);

        var snapshot = await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None);
        Assert.Equal(ExecutionStatus.Cancelled, snapshot!.Status);
        Assert.Equal(ControlRequest.None, snapshot.RequestedControl);
        Assert.Equal(1500, snapshot.Progress.DurationMs);
        Assert.Equal(started.AddMilliseconds(1500), snapshot.CompletedAt);
        Assert.Equal(1, snapshot.LastSequence);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @id AND wake_at IS NULL", id));
    }

    [StoreFact]
    public async Task Commit_WithAStaleLease_LeavesStatusNodesAndEventsUntouched()
    {
        var (engineStore, lease) = await LeasedAsync();
        var id = Guid.Parse(lease.ExecutionId);
        await engineStore.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running, Events = [Event(ExecutionEventTypes.Status, "-")] }, CancellationToken.None);
        var stale = new DatabaseExecutionStore(store.Database, _h.Clock);
        stale.Hold(lease.ExecutionId, Guid.NewGuid());

        var error = await Assert.ThrowsAsync<ExecutionLeaseLostException>(async () => await stale.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Status = ExecutionStatus.Completed,
            Output = new JsonObject { ["stale"] = true },
            Nodes = [new NodeResult { NodeId = "fetch", Status = NodeStatus.Completed }],
            Item = ("fetch", new ItemResult(0, null, 1)),
            Events = [Event(ExecutionEventTypes.NodeCompleted, "fetch"), Event(ExecutionEventTypes.Status, "-")],
        }, CancellationToken.None));

        Assert.Equal(lease.ExecutionId, error.ExecutionId);
        Assert.Equal("running", await store.Database.ScalarAsync("SELECT status FROM workflow_executions WHERE id = @id", new { id }));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @id AND (output IS NOT NULL OR completed_at IS NOT NULL)", id));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @id", id));
        Assert.Equal([1L], await SequencesAsync(id));
        Assert.Equal(1, (await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None))!.LastSequence);
    }

    [StoreFact]
    public async Task Commit_OfAnIllegalTransition_WritesNothing_AndThrowsTheStateConflict()
    {
        var (engineStore, lease) = await LeasedAsync();
        var id = Guid.Parse(lease.ExecutionId);
        await engineStore.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running }, CancellationToken.None);

        var illegal = await Assert.ThrowsAsync<ExecutionStateConflictException>(async () => await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Status = ExecutionStatus.Queued,
            Nodes = [new NodeResult { NodeId = "fetch", Status = NodeStatus.Completed }],
            Events = [Event(ExecutionEventTypes.Status, "-")],
        }, CancellationToken.None));
        var unexpected = await Assert.ThrowsAsync<ExecutionStateConflictException>(async () => await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            ExpectedStatus = ExecutionStatus.Paused,
            Status = ExecutionStatus.Queued,
            Events = [Event(ExecutionEventTypes.Status, "-")],
        }, CancellationToken.None));
        var missing = Guid.NewGuid().ToString("D");
        var gone = await Assert.ThrowsAsync<KeyNotFoundException>(async () => await engineStore.CommitAsync(
            new ExecutionCommit { ExecutionId = missing, Status = ExecutionStatus.Running, Events = [Event(ExecutionEventTypes.Status, "-")] }, CancellationToken.None));

        Assert.Equal($"execution {lease.ExecutionId} is running: cannot become queued", illegal.Message);
        Assert.Equal(ExecutionStatus.Running, illegal.Actual);
        Assert.Equal($"execution {lease.ExecutionId} is running: expected paused", unexpected.Message);
        Assert.Equal($"execution {missing} does not exist", gone.Message);
        Assert.Equal("running", await store.Database.ScalarAsync("SELECT status FROM workflow_executions WHERE id = @id", new { id }));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @id", id));
        Assert.Empty(await SequencesAsync(id));
    }

    [StoreFact]
    public async Task Commit_ExpectingAPauseRequest_AppliesOnlyWhileTheRequestStands()
    {
        // The engine enters `pausing` only if no resume withdrew the request since it heard of it.
        var (engineStore, lease) = await LeasedAsync();
        var id = Guid.Parse(lease.ExecutionId);
        await engineStore.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running }, CancellationToken.None);
        ExecutionCommit Pausing() => new()
        {
            ExecutionId = lease.ExecutionId,
            Status = ExecutionStatus.Pausing,
            ExpectedControl = ControlRequest.Pause,
            ClearControl = true,
            Nodes = [new NodeResult { NodeId = "fetch", Status = NodeStatus.Completed }],
            Events = [Event(ExecutionEventTypes.Status, "pausing")],
        };

        var withdrawn = await Assert.ThrowsAsync<ExecutionStateConflictException>(async () => await engineStore.CommitAsync(Pausing(), CancellationToken.None));
        Assert.Equal(ExecutionStatus.Running, withdrawn.Actual);
        Assert.Equal("running", await store.Database.ScalarAsync("SELECT status FROM workflow_executions WHERE id = @id", new { id }));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @id", id));
        Assert.Empty(await SequencesAsync(id));

        await engineStore.RequestControlAsync(lease.ExecutionId, ControlRequest.Pause, CancellationToken.None);
        await engineStore.CommitAsync(Pausing(), CancellationToken.None);
        var loaded = await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None);
        Assert.Equal(ExecutionStatus.Pausing, loaded!.Status);
        Assert.Equal(ControlRequest.None, loaded.RequestedControl);
        Assert.Equal([1L], await SequencesAsync(id));
    }

    [StoreFact]
    public async Task AnApiCommitWithoutLease_AndTheWorker_Interleave_WithGapFreeNumbers()
    {
        var (worker, lease) = await LeasedAsync();
        var api = new DatabaseExecutionStore(store.Database, _h.Clock);
        var id = Guid.Parse(lease.ExecutionId);
        await worker.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running }, CancellationToken.None);

        var published = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
            await (i % 2 == 0 ? worker : api).CommitAsync(new ExecutionCommit
            {
                ExecutionId = lease.ExecutionId,
                Nodes = [new NodeResult { NodeId = $"n{i}", Status = NodeStatus.Completed }],
                Events = [Event(ExecutionEventTypes.NodeCompleted, $"n{i}"), Event("node.log", $"n{i}"), Event("node.log", $"n{i}")],
            }, CancellationToken.None))));

        var expected = Enumerable.Range(1, 90).Select(i => (long)i).ToList();
        Assert.Equal(expected, await SequencesAsync(id));
        Assert.Equal(expected, published.SelectMany(events => events).Select(e => e.Sequence).Order());
        Assert.All(published, events => Assert.Equal([events[0].Sequence, events[0].Sequence + 1, events[0].Sequence + 2], events.Select(e => e.Sequence)));
        Assert.Equal(90, (await api.LoadAsync(lease.ExecutionId, CancellationToken.None))!.LastSequence);
        Assert.Equal(30, await CountAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @id", id));
    }

    [StoreFact]
    public async Task CompletingARun_StartsItsWorkflowTriggerTargets_InTheSameCommit()
    {
        var owner = await _h.MemberAsync();
        var source = await _h.WorkflowAsync(owner, "source");
        Task<Toolflow.Storage.Repositories.Workflows.WorkflowRecord> TargetAsync(string on) => _h.Workflows.CreateAsync(owner, new Toolflow.Storage.Repositories.Workflows.NewWorkflow(
            Definitions.Simple($"on {on}") with { Trigger = new TriggerDefinition { Type = TriggerType.Workflow, WorkflowId = source.Id.ToString("D"), On = on } })
        { Status = WorkflowStatus.Active });
        var onCompleted = await TargetAsync("completed");
        var onFailed = await TargetAsync("failed");
        var created = await _h.Executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(source.Id) { Priority = 1000 });
        var lease = (await new ExecutionLeases(store.Database, _h.Clock).ClaimAsync("w", 50, TimeSpan.FromMinutes(1), CancellationToken.None))
            .Single(l => l.ExecutionId == created.Execution.Id.ToString("D"));
        var engineStore = new DatabaseExecutionStore(store.Database, _h.Clock);
        engineStore.Hold(lease.ExecutionId, lease.Token);
        await engineStore.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running }, CancellationToken.None);

        await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Status = ExecutionStatus.Completed,
            Output = new JsonObject { ["answer"] = 42 },
            Events = [Event(ExecutionEventTypes.Status, "-")],
        }, CancellationToken.None);

        var key = $"workflow:{lease.ExecutionId}";
        Assert.Equal(1, await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @w AND idempotency_key = @key", new { w = onCompleted.Id, key }));
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @w", new { w = onFailed.Id }));
        var input = await store.Database.ScalarAsync("SELECT input FROM workflow_executions WHERE workflow_id = @w", new { w = onCompleted.Id });
        Assert.Equal(42, (int?)JsonNode.Parse(input?.ToString() ?? "{}")?["answer"]);
    }
}

public sealed class SqliteDatabaseExecutionStoreTests(SqliteStoreFixture store) : DatabaseExecutionStoreSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresDatabaseExecutionStoreTests(PostgresStoreFixture store) : DatabaseExecutionStoreSuite(store), IClassFixture<PostgresStoreFixture>;
