using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>A real <c>toolflow worker</c> killed with SIGKILL mid-node: its executions complete on another worker, committed nodes never re-run.</summary>
public abstract class WorkerCrashSuite(StoreFixture store) : IAsyncLifetime
{
    private const int Concurrency = 4;
    private const int AnsweredBeforeTheKill = 10;

    private readonly DurableHarness _h = new(store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static NodeDefinition Set(string id) => new() { Id = id, Tool = "data.set", Config = new JsonObject { ["values"] = new JsonObject { ["k"] = id } } };

    [StoreFact]
    public async Task AKilledWorkerProcess_LosesNothing()
    {
        const int count = 200;

        // The peer answers the first calls of the middle node and holds the rest, so at the kill
        // the child has exactly its four slots in the middle of that node, whatever its speed.
        using var peer = new SlowHttpPeer(TimeSpan.Zero, holdAfter: AnsweredBeforeTheKill);
        var (owner, workflow) = await _h.WorkflowAsync(
            Set("a"),
            new NodeDefinition { Id = "b", Tool = "http.request", Config = new JsonObject { ["url"] = peer.Url.ToString(), ["timeoutMs"] = 60_000 } },
            Set("c"));
        for (var i = 0; i < count; i++)
        {
            await _h.ExecuteAsync(owner, workflow);
        }

        Task<long> Completed() => store.Database.CountAsync(
            "SELECT count(*) FROM workflow_executions WHERE workflow_id = @workflow AND status = 'completed'", new { workflow });

        using (var child = WorkerProcess.Start(store.Options, new Dictionary<string, string>
        {
            ["Workers:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Workers:LeaseDuration"] = "00:00:01",
            ["Workers:HeartbeatInterval"] = "00:00:00.250",
            ["Workers:PollInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Tools:Http:AllowedRanges:0"] = "127.0.0.1/32",
        }))
        {
            await DurableHarness.UntilAsync(
                async () => child.HasExited || (peer.Requests == AnsweredBeforeTheKill + Concurrency && await Completed() == AnsweredBeforeTheKill),
                "the child to finish the answered executions and hold one in every slot", 120);
            Assert.False(child.HasExited, child.Output);
            child.Kill();
        }

        Assert.Equal(AnsweredBeforeTheKill, await Completed());
        peer.Release();

        using var stop = new CancellationTokenSource();
        var sweeper = _h.Sweeper().RunAsync(stop.Token);
        var http = new Toolflow.Tools.Integration.IntegrationToolOptions();
        http.Http.AllowedRanges.Add("127.0.0.1/32");
        using var integration = new Toolflow.Tools.Integration.IntegrationTools(http, Toolflow.Core.Execution.NoCredentials.Instance);
        var worker = _h.Start(stop.Token, integration: integration);
        await DurableHarness.UntilAsync(async () => await Completed() == count, "every execution to complete after the crash", 120);

        // Had the child committed an execution's end and died before handing its job back, that
        // job's lease expires, the sweeper re-queues it, and a claim finds nothing left to run and
        // clears the dead worker's lease. Wait for every job before stopping.
        await DurableHarness.UntilAsync(async () => await store.Database.CountAsync(
            $"""
            SELECT count(*) FROM jobs AS j JOIN workflow_executions AS e ON j.unique_key = 'execution:' || {(store.Dialect == SqlDialect.Postgres ? "e.id::text" : "e.id")}
             WHERE e.workflow_id = @workflow AND j.status IN ('queued', 'running')
            """, new { workflow }) == 0, "every job of the dead worker to be handed back", 120);

        // A graceful stop lets the last runs hand their executions back (clearing their leases).
        await stop.CancelAsync();
        await Task.WhenAll(sweeper, worker);

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

        // The four interrupted calls ran twice (once in the dead child, once after), every other once.
        Assert.Equal(count + Concurrency, peer.Requests);
        Assert.Equal(0, await store.Database.CountAsync(
            "SELECT count(*) FROM workflow_executions WHERE workflow_id = @workflow AND lease_token IS NOT NULL", new { workflow }));
    }
}

public sealed class SqliteWorkerCrashTests(SqliteStoreFixture store) : WorkerCrashSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresWorkerCrashTests(PostgresStoreFixture store) : WorkerCrashSuite(store), IClassFixture<PostgresStoreFixture>;
