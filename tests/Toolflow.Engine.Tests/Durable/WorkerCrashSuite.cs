using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>A real <c>toolflow worker</c> killed with SIGKILL mid-run: its executions complete on another worker, committed nodes never re-run.</summary>
public abstract class WorkerCrashSuite(StoreFixture store) : IAsyncLifetime
{
    private readonly DurableHarness _h = new(store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static NodeDefinition Set(string id) => new() { Id = id, Tool = "data.set", Config = new JsonObject { ["values"] = new JsonObject { ["k"] = id } } };

    [StoreFact]
    public async Task AKilledWorkerProcess_LosesNothing()
    {
        const int count = 300;
        var (owner, workflow) = await _h.WorkflowAsync(Set("a"), Set("b"), Set("c"));
        for (var i = 0; i < count; i++)
        {
            await _h.ExecuteAsync(owner, workflow);
        }

        Task<long> Completed() => store.Database.CountAsync(
            "SELECT count(*) FROM workflow_executions WHERE workflow_id = @workflow AND status = 'completed'", new { workflow });

        using (var child = WorkerProcess.Start(store.Options, new Dictionary<string, string>
        {
            ["Workers:Concurrency"] = "4",
            ["Workers:LeaseDuration"] = "00:00:01",
            ["Workers:HeartbeatInterval"] = "00:00:00.250",
            ["Workers:PollInterval"] = "00:00:00.050",
        }))
        {
            await DurableHarness.UntilAsync(async () => child.HasExited || await Completed() >= 10, "the child worker to make progress", 120);
            Assert.False(child.HasExited, child.Output);
            child.Kill();
        }

        var byChild = await Completed();
        using var stop = new CancellationTokenSource();
        var sweeper = _h.Sweeper().RunAsync(stop.Token);
        var worker = _h.Start(stop.Token);
        await DurableHarness.UntilAsync(async () => await Completed() == count, "every execution to complete after the crash", 120);

        // A graceful stop lets the last runs hand their executions back (clearing their leases).
        await stop.CancelAsync();
        await Task.WhenAll(sweeper, worker);

        Assert.InRange(byChild, 10, count - 1);

        // Each node's completion was committed exactly once per execution: nothing committed ran again.
        var perNode = await store.Database.QueryAsync(
            """
            SELECT ev.execution_id, count(*) AS n FROM execution_events AS ev
              JOIN workflow_executions AS e ON e.id = ev.execution_id
             WHERE e.workflow_id = @workflow AND ev.type = 'node.completed'
             GROUP BY ev.execution_id
            """, new { workflow });
        Assert.Equal(count, perNode.Count);
        Assert.All(perNode, row => Assert.Equal(3, SqlValues.AsLong(row["n"])));
        Assert.Equal(0, await store.Database.CountAsync(
            "SELECT count(*) FROM workflow_executions WHERE workflow_id = @workflow AND lease_token IS NOT NULL", new { workflow }));
    }
}

public sealed class SqliteWorkerCrashTests(SqliteStoreFixture store) : WorkerCrashSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresWorkerCrashTests(PostgresStoreFixture store) : WorkerCrashSuite(store), IClassFixture<PostgresStoreFixture>;
