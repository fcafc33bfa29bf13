using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>
/// A real <c>toolflow worker</c> frozen with SIGSTOP in the middle of a node, past its lease: the
/// execution is rescued and finishes once on another worker; thawed with SIGCONT, the frozen
/// worker's writes are refused by the lease fence.
/// </summary>
public abstract class WorkerStopSuite(StoreFixture store) : IAsyncLifetime
{
    private readonly DurableHarness _h = new(store.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [StoreFact]
    public async Task A_frozen_worker_past_its_lease_cannot_write_and_the_execution_finishes_once_elsewhere()
    {
        using var peer = new SlowHttpPeer(TimeSpan.FromMilliseconds(1500));
        var (owner, workflow) = await _h.WorkflowAsync(
            new NodeDefinition { Id = "first", Tool = "data.set", Config = new JsonObject { ["values"] = new JsonObject { ["k"] = 1 } } },
            new NodeDefinition { Id = "slow", Tool = "http.request", Config = new JsonObject { ["url"] = peer.Url.ToString(), ["timeoutMs"] = 30_000 } },
            new NodeDefinition { Id = "last", Tool = "data.set", Config = new JsonObject { ["values"] = new JsonObject { ["k"] = 3 } } });
        var executionId = await _h.ExecuteAsync(owner, workflow);

        Task<long> Events(string type, string nodeId) => store.Database.CountAsync(
            $"SELECT count(*) FROM execution_events WHERE execution_id = @id AND type = @type AND CAST(data AS TEXT) LIKE '%\"nodeId\":%{nodeId}%'",
            new { id = executionId, type });

        using var child = WorkerProcess.Start(store.Options, new Dictionary<string, string>
        {
            ["Workers:Concurrency"] = "1",
            ["Workers:LeaseDuration"] = "00:00:01",
            ["Workers:HeartbeatInterval"] = "00:00:00.250",
            ["Workers:PollInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Tools:Http:AllowedRanges:0"] = "127.0.0.1/32",
        });
        await DurableHarness.UntilAsync(async () => child.HasExited || await Events("node.started", "slow") >= 1, "the child to start the slow node", 120);
        Assert.False(child.HasExited, child.Output);
        await FreezeOutsideAWriteAsync(child);
        try
        {
            // Past the frozen worker's lease, another worker and a sweeper take over and finish the run.
            using var stop = new CancellationTokenSource();
            var sweeper = _h.Sweeper().RunAsync(stop.Token);
            var http = new Toolflow.Tools.Integration.IntegrationToolOptions();
            http.Http.AllowedRanges.Add("127.0.0.1/32");
            using var integration = new Toolflow.Tools.Integration.IntegrationTools(http, Toolflow.Core.Execution.NoCredentials.Instance);
            var worker = _h.Start(stop.Token, integration: integration);
            try
            {
                await _h.UntilStatusAsync(executionId, "completed", 120);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var rows = await store.Database.QueryAsync(
                    "SELECT e.status, e.error, e.lease_owner, e.lease_expires_at, j.status AS job, j.locked_by, j.locked_until, j.run_at, j.attempts FROM workflow_executions e LEFT JOIN jobs j ON j.unique_key = 'execution:' || e.id WHERE e.id = @id",
                    new { id = executionId });
                throw new InvalidOperationException(
                    $"{e.Message}; rows: {string.Join(" | ", rows.Select(r => string.Join(", ", r.Select(kv => $"{kv.Key}={kv.Value}"))))}; child: {child.Output}", e);
            }
            await stop.CancelAsync();
            await Task.WhenAll(sweeper, worker);
        }
        finally
        {
            child.Signal("CONT");
        }

        // Thawed, the child finds its lease gone at its next heartbeat or commit, and writes nothing.
        await DurableHarness.UntilAsync(() => Task.FromResult(child.HasExited || child.Output.Contains("Lost the lease", StringComparison.Ordinal)), "the thawed child to notice it lost the lease", 60);
        Assert.False(child.HasExited, child.Output);
        await Task.Delay(1000);

        Assert.Equal("completed", await _h.StatusAsync(executionId));
        Assert.Equal(1, await Events("node.completed", "first"));
        Assert.Equal(1, await Events("node.completed", "slow"));
        Assert.Equal(1, await Events("node.completed", "last"));
        Assert.Equal(0, await Events("node.failed", "slow"));
        Assert.Equal(1, await store.Database.CountAsync(
            "SELECT count(*) FROM execution_events WHERE execution_id = @id AND type = 'execution.status' AND CAST(data AS TEXT) LIKE '%completed%'", new { id = executionId }));
        Assert.Equal(0, await store.Database.CountAsync(
            "SELECT count(*) FROM workflow_executions WHERE id = @id AND lease_token IS NOT NULL", new { id = executionId }));
    }

    /// <summary>
    /// SIGSTOP. On SQLite a process frozen inside a write transaction holds the one write lock and
    /// stops every process — SQLite's nature, not what this test is about — so there the child is
    /// thawed and frozen again until the database takes a write.
    /// </summary>
    private async Task FreezeOutsideAWriteAsync(WorkerProcess child)
    {
        for (var attempt = 0; ; attempt++)
        {
            await child.StopAsync();
            if (store.Dialect != SqlDialect.Sqlite || await CanWriteAsync())
            {
                return;
            }

            Assert.True(attempt < 100, "the frozen child always held SQLite's write lock");
            child.Signal("CONT");
            await Task.Delay(15);
        }
    }

    private async Task<bool> CanWriteAsync()
    {
        await using var connection = await store.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 250; BEGIN IMMEDIATE; ROLLBACK;";
        try
        {
            await command.ExecuteNonQueryAsync();
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }
}

public sealed class SqliteWorkerStopTests(SqliteStoreFixture store) : WorkerStopSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresWorkerStopTests(PostgresStoreFixture store) : WorkerStopSuite(store), IClassFixture<PostgresStoreFixture>;
