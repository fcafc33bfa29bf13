using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Testing.Stores;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>Lease takeover (a stalled worker is fenced) and retry from the failed nodes, on both dialects.</summary>
public abstract class DurableRecoverySuite(StoreFixture store) : IAsyncLifetime
{
    private readonly DurableHarness _h = new(store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [StoreFact]
    public async Task AWorkerPastItsLease_IsFenced_AndAnotherFinishesTheExecutionOnce()
    {
        var slow = new NodeDefinition { Id = "slow", Tool = "test.block", Config = new JsonObject { ["value"] = 1 } };
        var (owner, workflow) = await _h.WorkflowAsync(slow, DurableHarness.Echo("after"));
        var id = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();

        // Worker A never renews (as if stopped with SIGSTOP): its lease lapses while the node runs.
        _ = _h.Start(stop.Token, DurableHarness.Options() with { LeaseDuration = TimeSpan.FromMilliseconds(300), HeartbeatInterval = TimeSpan.FromHours(1) });
        await DurableHarness.UntilAsync(() => Task.FromResult(_h.Log.Of("slow") == 1), "worker A to start the node");
        _ = _h.Sweeper().RunAsync(stop.Token);
        _ = _h.Start(stop.Token);
        await DurableHarness.UntilAsync(() => Task.FromResult(_h.Log.Of("slow") == 2), "worker B to take the execution over");

        _h.Block.Release("slow");
        await _h.UntilStatusAsync(id, "completed");
        Assert.Equal(1, _h.Log.Of("after"));
        await stop.CancelAsync();
    }

    [StoreFact]
    public async Task Retry_RerunsOnlyTheFailedNodes()
    {
        var flaky = new NodeDefinition { Id = "flaky", Tool = "test.failonce", Config = [] };
        var (owner, workflow) = await _h.WorkflowAsync(DurableHarness.Echo("first"), flaky, DurableHarness.Echo("last"));
        var id = await _h.ExecuteAsync(owner, workflow);
        using var stop = new CancellationTokenSource();
        _ = _h.Start(stop.Token);
        await _h.UntilStatusAsync(id, "failed");

        await _h.Control().RetryAsync(owner, id);
        await _h.UntilStatusAsync(id, "completed");

        Assert.Equal(1, _h.Log.Of("first"));
        Assert.Equal(2, _h.Log.Of("flaky"));
        Assert.Equal(1, _h.Log.Of("last"));
        await stop.CancelAsync();
    }
}

public sealed class SqliteDurableRecoveryTests(SqliteStoreFixture store) : DurableRecoverySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresDurableRecoveryTests(PostgresStoreFixture store) : DurableRecoverySuite(store), IClassFixture<PostgresStoreFixture>;
