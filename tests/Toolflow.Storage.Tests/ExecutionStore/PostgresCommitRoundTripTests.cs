using System.Text.Json.Nodes;
using Npgsql;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.Database;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Queue;
using Toolflow.Storage.Tests.Repositories;
using Toolflow.Testing.Postgres;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.ExecutionStore;

/// <summary>Round trips per engine commit on PostgreSQL, counted on the wire (issue #6: the database's limit with fsync off).</summary>
public sealed class PostgresCommitRoundTripTests(PostgresStoreFixture store) : IClassFixture<PostgresStoreFixture>, IRequiresPostgres
{
    [PostgresFact]
    public async Task AStepIsOneRoundTrip_TheRunsEndOne_AndALoadOne()
    {
        await using var proxy = Proxy();
        await using var db = Through(proxy);
        var h = new RepositoryHarness(store.Database);
        var owner = await h.MemberAsync();
        var workflow = await h.WorkflowAsync(owner);
        var created = await h.Executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id) { Priority = 1000 });
        var lease = (await new ExecutionLeases(store.Database, h.Clock).ClaimAsync("w", 50, TimeSpan.FromMinutes(1), CancellationToken.None))
            .Single(l => l.ExecutionId == created.Execution.Id.ToString("D"));
        var engineStore = new DatabaseExecutionStore(db, h.Clock);
        engineStore.Hold(lease.ExecutionId, lease.Token);
        PendingEvent Event(string type) => new(type, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject()));

        // Opening the first physical connection (startup, authentication, type loading) is not a commit's cost.
        await engineStore.CommitAsync(new ExecutionCommit { ExecutionId = lease.ExecutionId, Status = ExecutionStatus.Running, Events = [Event(ExecutionEventTypes.Status)] }, CancellationToken.None);
        proxy.Reset();
        await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Nodes = [new NodeResult { NodeId = "a", Status = NodeStatus.Completed, Attempts = 1 }, new NodeResult { NodeId = "b", Status = NodeStatus.Running }],
            Progress = new ExecutionProgress { TotalSteps = 2, StepsCompleted = 1 },
            Events = [Event(ExecutionEventTypes.NodeCompleted), Event(ExecutionEventTypes.NodeStarted), Event(ExecutionEventTypes.Progress)],
        }, CancellationToken.None);
        var step = proxy.RoundTrips;

        proxy.Reset();
        await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = lease.ExecutionId,
            Status = ExecutionStatus.Completed,
            ClearControl = true,
            Nodes = [new NodeResult { NodeId = "b", Status = NodeStatus.Completed, Attempts = 1 }],
            Events = [Event(ExecutionEventTypes.NodeCompleted), Event(ExecutionEventTypes.Status)],
        }, CancellationToken.None);
        var end = proxy.RoundTrips;

        proxy.Reset();
        var loaded = (await engineStore.LoadAsync(lease.ExecutionId, CancellationToken.None))!;
        var load = proxy.RoundTrips;

        Assert.Equal(1, step);
        Assert.Equal(1, end);
        Assert.Equal(1, load);
        Assert.Equal(6, loaded.LastSequence);
        Assert.Equal(["a", "b"], loaded.Nodes.Keys.Order());
        // That one statement also counted the outcome on the workflow and gave the job back.
        Assert.Equal(1L, SqlValues.AsLong(await store.Database.ScalarAsync("SELECT success_count FROM workflows WHERE id = @id", new { id = workflow.Id })));
        Assert.Equal("completed", await store.Database.ScalarAsync(
            "SELECT status FROM jobs WHERE unique_key = @key", new { key = $"execution:{lease.ExecutionId}" }));
    }

    [PostgresFact]
    public async Task CreatingAQueuedExecution_IsThreeRoundTrips()
    {
        await using var proxy = Proxy();
        await using var db = Through(proxy);
        var h = new RepositoryHarness(store.Database);
        var owner = await h.MemberAsync();
        var workflow = await h.WorkflowAsync(owner);
        var executions = new Toolflow.Storage.Repositories.Executions.ExecutionRepository(db, h.Clock);
        await executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id));

        proxy.Reset();
        var created = await executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id) { IdempotencyKey = "once" });
        var trips = proxy.RoundTrips;
        var again = await executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id) { IdempotencyKey = "once" });

        // BEGIN with the workflow's permission check; the row, its job and the record in one statement; COMMIT.
        Assert.Equal(3, trips);
        Assert.True(created.Created);
        Assert.False(again.Created);
        Assert.Equal(created.Execution.Id, again.Execution.Id);
        Assert.Equal(1, SqlValues.AsLong(await store.Database.ScalarAsync(
            "SELECT count(*) FROM jobs WHERE unique_key = @key", new { key = $"execution:{created.Execution.Id:D}" })));
    }

    [PostgresFact]
    public async Task StepCommitsArrivingTogether_GoInOneBatch()
    {
        await using var proxy = Proxy();
        await using var db = Through(proxy);
        var (warmStore, leases) = await HeldExecutionsAsync(db, 8);
        await warmStore.CommitAsync(Step(leases[0].ExecutionId, "warm"), CancellationToken.None);

        // The commits counted go through a store of their own: the warm-up's batcher may still be closing its lane
        // after its caller resumed, and would then take the queued commits itself (one round trip fewer, by chance).
        var engineStore = new DatabaseExecutionStore(db, TimeProvider.System);
        foreach (var lease in leases)
        {
            engineStore.Hold(lease.ExecutionId, lease.Token);
        }

        // The one pooled connection is held while the commits are issued, so all seven have arrived before
        // any lane can send: the round trips then do not depend on how fast the first ones come back.
        List<Task<IReadOnlyList<ExecutionEvent>>> commits;
        await using (await db.OpenAsync(CancellationToken.None))
        {
            proxy.Reset();
            commits = [.. leases.Skip(1).Select(l => engineStore.CommitAsync(Step(l.ExecutionId, "a"), CancellationToken.None).AsTask())];
        }

        await Task.WhenAll(commits);
        var trips = proxy.RoundTrips;

        // The first two went alone, one per lane; the five that came while those waited went together.
        Assert.Equal(3, trips);
        foreach (var lease in leases.Skip(1))
        {
            Assert.Equal(1L, SqlValues.AsLong(await store.Database.ScalarAsync(
                "SELECT count(*) FROM executions WHERE workflow_execution_id = @id AND node_id = 'a'", new { id = Guid.Parse(lease.ExecutionId) })));
            Assert.Equal(1L, SqlValues.AsLong(await store.Database.ScalarAsync(
                "SELECT last_sequence FROM workflow_executions WHERE id = @id", new { id = Guid.Parse(lease.ExecutionId) })));
        }
    }

    [PostgresFact]
    public async Task A_statement_that_fails_in_a_batch_fails_only_its_own_commit()
    {
        await using var proxy = Proxy();
        await using var db = Through(proxy);
        var (engineStore, leases) = await HeldExecutionsAsync(db, 6);
        await engineStore.CommitAsync(Step(leases[0].ExecutionId, "warm"), CancellationToken.None);
        // Another worker took this one over: its statement in the batch matches nothing, and only it is refused.
        var stranger = leases[5];
        engineStore.Hold(stranger.ExecutionId, Guid.NewGuid());

        // A negative counter breaks a CHECK constraint: the whole batch rolls back, then each runs alone.
        var bad = Step(leases[2].ExecutionId, "a") with { Progress = new ExecutionProgress { TotalSteps = 1, StepsCompleted = -1 } };
        var commits = new[] { Step(leases[1].ExecutionId, "a"), bad, Step(leases[3].ExecutionId, "a"), Step(leases[4].ExecutionId, "a"), Step(stranger.ExecutionId, "a") }
            .Select(c => engineStore.CommitAsync(c, CancellationToken.None).AsTask()).ToList();
        await Assert.ThrowsAnyAsync<Exception>(() => commits[1]);
        var refused = await Assert.ThrowsAsync<ExecutionLeaseLostException>(() => commits[4]);
        await Task.WhenAll(commits[0], commits[2], commits[3]);
        Assert.Equal(stranger.ExecutionId, refused.ExecutionId);
        Assert.Equal(0L, SqlValues.AsLong(await store.Database.ScalarAsync(
            "SELECT count(*) FROM executions WHERE workflow_execution_id = @id", new { id = Guid.Parse(stranger.ExecutionId) })));

        foreach (var good in new[] { leases[1], leases[3], leases[4] })
        {
            Assert.Equal(1L, SqlValues.AsLong(await store.Database.ScalarAsync(
                "SELECT count(*) FROM executions WHERE workflow_execution_id = @id AND node_id = 'a'", new { id = Guid.Parse(good.ExecutionId) })));
        }

        // Nothing of the refused commit: no node row, no event, the row's counters and sequence unchanged.
        var badId = Guid.Parse(leases[2].ExecutionId);
        Assert.Equal(0L, SqlValues.AsLong(await store.Database.ScalarAsync("SELECT count(*) FROM executions WHERE workflow_execution_id = @id", new { id = badId })));
        Assert.Equal(0L, SqlValues.AsLong(await store.Database.ScalarAsync("SELECT count(*) FROM execution_events WHERE execution_id = @id", new { id = badId })));
        Assert.Equal(0L, SqlValues.AsLong(await store.Database.ScalarAsync("SELECT last_sequence FROM workflow_executions WHERE id = @id", new { id = badId })));
    }

    /// <summary>A node result and its event, as an engine step commits them.</summary>
    private static ExecutionCommit Step(string executionId, string node) => new()
    {
        ExecutionId = executionId,
        Nodes = [new NodeResult { NodeId = node, Status = NodeStatus.Completed, Attempts = 1 }],
        Progress = new ExecutionProgress { TotalSteps = 2, StepsCompleted = 1 },
        Events = [new PendingEvent(ExecutionEventTypes.NodeCompleted, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject()))],
    };

    /// <summary><paramref name="count"/> queued executions claimed by one worker whose store (through <paramref name="db"/>) holds their leases.</summary>
    private async Task<(DatabaseExecutionStore Store, IReadOnlyList<ExecutionLease> Leases)> HeldExecutionsAsync(ToolflowDatabase db, int count)
    {
        var h = new RepositoryHarness(store.Database);
        var owner = await h.MemberAsync();
        var workflow = await h.WorkflowAsync(owner);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await h.Executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id) { Priority = 1000 })).Execution.Id.ToString("D"));
        }

        var leases = (await new ExecutionLeases(store.Database, h.Clock).ClaimAsync("w", 500, TimeSpan.FromMinutes(1), CancellationToken.None))
            .Where(l => ids.Contains(l.ExecutionId)).ToList();
        Assert.Equal(count, leases.Count);
        var engineStore = new DatabaseExecutionStore(db, h.Clock);
        foreach (var lease in leases)
        {
            engineStore.Hold(lease.ExecutionId, lease.Token);
        }

        return (engineStore, leases);
    }

    /// <summary>A proxy in front of the fixture's server that counts round trips.</summary>
    private RoundTripCountingProxy Proxy()
    {
        var direct = new NpgsqlConnectionStringBuilder(store.Options.ConnectionString);
        return new RoundTripCountingProxy(direct.Host!, direct.Port);
    }

    /// <summary>A database reached through <paramref name="proxy"/> on one connection, so every round trip passes it.</summary>
    private ToolflowDatabase Through(RoundTripCountingProxy proxy)
    {
        var viaProxy = new NpgsqlConnectionStringBuilder(store.Options.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, MaxPoolSize = 1 };
        return ToolflowDatabase.Create(new DatabaseOptions { Provider = "postgres", ConnectionString = viaProxy.ConnectionString });
    }
}
