using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Repositories;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>Workers, the sweeper and control through the database, on both dialects.</summary>
public abstract class DurableWorkerSuite(StoreFixture store) : IAsyncLifetime
{
    private readonly DurableHarness _h = new(store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [StoreFact]
    public async Task ManyExecutions_WithFourWorkers_AllComplete_EachNodeExactlyOnce()
    {
        const int count = 1000;
        var (owner, workflow) = await _h.WorkflowAsync(DurableHarness.Echo("a"), DurableHarness.Echo("b"), DurableHarness.Echo("c"));
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await _h.ExecuteAsync(owner, workflow));
        }

        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => _h.Start(stop.Token)).ToList();
        await DurableHarness.UntilAsync(
            async () => await store.Database.CountAsync(
                "SELECT count(*) FROM workflow_executions WHERE workflow_id = @workflow AND status = 'completed'", new { workflow }) == count,
            "every execution to complete", 240);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var keys = _h.Log.Keys.Where(k => ids.Any(id => k.StartsWith(id.ToString("D"), StringComparison.Ordinal))).ToList();
        var missing = ids.FirstOrDefault(id => keys.Count(k => k.StartsWith(id.ToString("D"), StringComparison.Ordinal)) < 3);
        if (missing != Guid.Empty)
        {
            var events = await store.Database.QueryAsync("SELECT sequence, type, data FROM execution_events WHERE execution_id = @id ORDER BY sequence", new { id = missing });
            var nodes = await store.Database.QueryAsync("SELECT node_id, status, output FROM executions WHERE workflow_execution_id = @id", new { id = missing });
            Assert.Fail(string.Join("\n", events.Select(e => $"{e["sequence"]} {e["type"]} {e["data"]}")) + "\n--\n" + string.Join("\n", nodes.Select(n => $"{n["node_id"]} {n["status"]} {n["output"]}")) + "\nkeys: " + string.Join(",", keys.Where(k => k.StartsWith(missing.ToString("D"), StringComparison.Ordinal))));
        }

        Assert.Equal(count * 3, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM jobs WHERE status IN ('queued', 'running') AND kind = 'execution'"));
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @workflow AND lease_token IS NOT NULL", new { workflow }));
    }

    [StoreFact]
    public async Task Events_AreStoredGapFree_InTheStepTransactions()
    {
        var (owner, workflow) = await _h.WorkflowAsync(DurableHarness.Echo("a"), DurableHarness.Echo("b"));
        var id = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();
        var worker = _h.Start(stop.Token);
        await _h.UntilStatusAsync(id, "completed");
        await stop.CancelAsync();
        await worker;

        var sequences = (await store.Database.QueryAsync("SELECT sequence FROM execution_events WHERE execution_id = @id ORDER BY sequence", new { id }))
            .Select(r => SqlValues.AsLong(r["sequence"])).ToList();
        Assert.NotEmpty(sequences);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
    }

    [StoreFact]
    public async Task DelayedNode_WaitsWithoutAJob_AndTheSweeperWakesIt()
    {
        var delay = new NodeDefinition { Id = "wait", Tool = "flow.delay", Config = new JsonObject { ["durationMs"] = 1500 } };
        var (owner, workflow) = await _h.WorkflowAsync(DurableHarness.Echo("a"), delay, DurableHarness.Echo("b"));
        var id = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();
        var worker = _h.Start(stop.Token);
        await _h.UntilStatusAsync(id, "waiting");
        await DurableHarness.UntilAsync(
            async () => await store.Database.CountAsync(
                "SELECT count(*) FROM jobs WHERE unique_key = @key AND status IN ('queued', 'running')", new { key = $"execution:{id:D}" }) == 0,
            "the waiting execution to hold no job");

        var sweeper = _h.Sweeper().RunAsync(stop.Token);
        await _h.UntilStatusAsync(id, "completed");
        await stop.CancelAsync();
        await Task.WhenAll(worker, sweeper);
    }

    [StoreFact]
    public async Task Approval_IsSignalledThroughTheDatabase()
    {
        var approval = new NodeDefinition { Id = "approve", Tool = "flow.approval", Config = new JsonObject { ["message"] = "ok?" } };
        var (owner, workflow) = await _h.WorkflowAsync(approval, DurableHarness.Echo("after"));
        var id = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();
        var worker = _h.Start(stop.Token);
        await _h.UntilStatusAsync(id, "waiting");

        await _h.Control().SignalAsync(owner, id, "approve", new JsonObject { ["approved"] = true });
        await _h.UntilStatusAsync(id, "completed");
        await stop.CancelAsync();
        await worker;
    }

    [StoreFact]
    public async Task PauseResumeAndCancel_ReachARunningExecution_ThroughTheDatabase()
    {
        var block = new NodeDefinition { Id = "hold", Tool = "test.block", Config = new JsonObject { ["value"] = 1 } };
        var (owner, workflow) = await _h.WorkflowAsync(block, DurableHarness.Echo("after"));
        var paused = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();
        var worker = _h.Start(stop.Token);
        await _h.UntilStatusAsync(paused, "running");

        var control = _h.Control();
        await control.PauseAsync(owner, paused);
        await _h.UntilStatusAsync(paused, "pausing");
        _h.Block.Release("hold");
        await _h.UntilStatusAsync(paused, "paused");
        await control.ResumeAsync(owner, paused);
        await _h.UntilStatusAsync(paused, "completed");

        var (other, second) = await _h.WorkflowAsync(new NodeDefinition { Id = "hold2", Tool = "test.block", Config = new JsonObject { ["value"] = 2 } });
        var cancelled = await _h.ExecuteAsync(other, second);
        await _h.UntilStatusAsync(cancelled, "running");
        await control.CancelAsync(other, cancelled);
        await _h.UntilStatusAsync(cancelled, "cancelled");
        await stop.CancelAsync();
        await worker;
    }

    [StoreFact]
    public async Task Resume_OfWhatThisProcessJustPaused_IsNotFencedByTheLeaseItsWorkerIsHandingBack()
    {
        // A worker of this process commits `paused`, clears its lease in the row and only then drops it from
        // its store: a resume through that store in between (seen in CI as a 500 from POST …/resume) must
        // still queue the execution — a user's control is a compare-and-set on the status, not a leased step.
        using var stop = new CancellationTokenSource();
        var (owner, id, worker) = await PausedAfterARunAsync(stop.Token);

        await _h.Control(StoreStillHolding(id)).ResumeAsync(owner, id);
        await _h.UntilStatusAsync(id, "completed");
        await stop.CancelAsync();
        await worker;
        Assert.Equal(1, _h.Log.Of("after"));
    }

    [StoreFact]
    public async Task Cancel_OfAPausedExecution_IsNotFencedByTheLeaseAWorkerIsHandingBack()
    {
        using var stop = new CancellationTokenSource();
        var (owner, id, worker) = await PausedAfterARunAsync(stop.Token);

        await _h.Control(StoreStillHolding(id)).CancelAsync(owner, id);
        await _h.UntilStatusAsync(id, "cancelled");
        await stop.CancelAsync();
        await worker;
        Assert.Equal(0, _h.Log.Of("after"));
    }

    /// <summary>hold ─► after, paused by a worker once hold ended: no lease left in the row, and "after" not run.</summary>
    private async Task<(Caller Owner, Guid Id, Task Worker)> PausedAfterARunAsync(CancellationToken stop)
    {
        var block = new NodeDefinition { Id = "hold", Tool = "test.block", Config = new JsonObject { ["value"] = 1 } };
        var (owner, workflow) = await _h.WorkflowAsync(block, DurableHarness.Echo("after"));
        var id = await _h.ExecuteAsync(owner, workflow);
        var worker = _h.Start(stop);
        await _h.UntilStatusAsync(id, "running");
        await _h.Control().PauseAsync(owner, id);
        await _h.UntilStatusAsync(id, "pausing");
        _h.Block.Release("hold");
        await _h.UntilStatusAsync(id, "paused");
        await DurableHarness.UntilAsync(
            async () => await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @id AND lease_token IS NULL", new { id }) == 1,
            "the worker to hand the paused execution back");
        return (owner, id, worker);
    }

    /// <summary>A store that still fences <paramref name="id"/> with a lease the row no longer has.</summary>
    private DatabaseExecutionStore StoreStillHolding(Guid id)
    {
        var handingBack = new DatabaseExecutionStore(store.Database, TimeProvider.System);
        handingBack.Hold(id.ToString("D"), Guid.NewGuid());
        return handingBack;
    }

    [StoreFact]
    public async Task ResumeWhilePausing_WithdrawsThePause_ThroughTheDatabase_AndItNeverPauses()
    {
        // long   gate ─► next: paused while long and gate run, resumed (from another store, as an API process
        // would) before either ends; next starts while long still runs, and the run completes.
        var (owner, workflow) = await _h.GraphAsync(
            [
                new NodeDefinition { Id = "long", Tool = "test.block", Config = new JsonObject { ["value"] = 1 } },
                new NodeDefinition { Id = "gate", Tool = "test.block", Config = new JsonObject { ["value"] = 2 } },
                DurableHarness.Echo("next"),
            ],
            [new EdgeDefinition { Source = "gate", Target = "next" }]);
        var id = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();
        var worker = _h.Start(stop.Token);
        await DurableHarness.UntilAsync(() => Task.FromResult(_h.Log.Of("long") == 1 && _h.Log.Of("gate") == 1), "both blocks to run");

        var control = _h.Control();
        await control.PauseAsync(owner, id);
        await _h.UntilStatusAsync(id, "pausing");
        await control.ResumeAsync(owner, id);
        Assert.Equal("running", await _h.StatusAsync(id));

        _h.Block.Release("gate");
        await DurableHarness.UntilAsync(() => Task.FromResult(_h.Log.Of("next") == 1), "next to start while long still runs");
        _h.Block.Release("long");
        await _h.UntilStatusAsync(id, "completed");
        await stop.CancelAsync();
        await worker;

        var statuses = (await store.Database.QueryAsync(
                "SELECT CAST(data AS text) AS data FROM execution_events WHERE execution_id = @id AND type = 'execution.status' ORDER BY sequence", new { id }))
            .Select(r => JsonNode.Parse((string)r["data"]!)!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["running", "pausing", "running", "completed"], statuses);
    }

    [StoreFact]
    public async Task Resume_BeforeTheWorkerHeardOfThePause_ClearsTheRequest()
    {
        var block = new NodeDefinition { Id = "hold", Tool = "test.block", Config = new JsonObject { ["value"] = 1 } };
        var (owner, workflow) = await _h.WorkflowAsync(block, DurableHarness.Echo("after"));
        var id = await _h.ExecuteAsync(owner, workflow);
        var control = _h.Control();

        // No worker yet: the pause is only recorded (and the job queued), so resume withdraws the request.
        await control.PauseAsync(owner, id);
        await control.ResumeAsync(owner, id);
        Assert.Equal("queued", await _h.StatusAsync(id));

        using var stop = new CancellationTokenSource();
        var worker = _h.Start(stop.Token);
        await _h.UntilStatusAsync(id, "running");
        _h.Block.Release("hold");
        await _h.UntilStatusAsync(id, "completed");
        await stop.CancelAsync();
        await worker;
        Assert.Equal(0, await store.Database.CountAsync(
            "SELECT count(*) FROM execution_events WHERE execution_id = @id AND type = 'execution.status' AND CAST(data AS text) LIKE '%paus%'", new { id }));
    }

    [StoreFact]
    public async Task GracefulShutdown_ReleasesInFlightWork_AndLeavesNoLease()
    {
        var block = new NodeDefinition { Id = "forever", Tool = "test.block", Config = new JsonObject { ["value"] = 1 } };
        var (owner, workflow) = await _h.WorkflowAsync(block);
        var id = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();
        var worker = _h.Start(stop.Token, DurableHarness.Options() with { ShutdownDeadline = TimeSpan.FromMilliseconds(100) });
        await _h.UntilStatusAsync(id, "running");

        await stop.CancelAsync();
        await worker;

        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM workflow_executions WHERE id = @id AND lease_token IS NOT NULL", new { id }));
        Assert.Equal(0, await store.Database.CountAsync("SELECT count(*) FROM jobs WHERE status = 'running'"));
        Assert.Equal(1, await store.Database.CountAsync(
            "SELECT count(*) FROM jobs WHERE unique_key = @key AND status = 'queued'", new { key = $"execution:{id:D}" }));

        // Another worker picks it up and finishes it.
        _h.Block.Release("forever");
        using var again = new CancellationTokenSource();
        var next = _h.Start(again.Token);
        await _h.UntilStatusAsync(id, "completed");
        await again.CancelAsync();
        await next;
    }
}

public sealed class SqliteDurableWorkerTests(SqliteStoreFixture store) : DurableWorkerSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresDurableWorkerTests(PostgresStoreFixture store) : DurableWorkerSuite(store), IClassFixture<PostgresStoreFixture>;
