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
}

public sealed class SqliteDatabaseExecutionStoreTests(SqliteStoreFixture store) : DatabaseExecutionStoreSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresDatabaseExecutionStoreTests(PostgresStoreFixture store) : DatabaseExecutionStoreSuite(store), IClassFixture<PostgresStoreFixture>;
