using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Testing.Postgres;
using Toolflow.Testing.Sql;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>PostgreSQL restarted (immediate stop: every connection cut) in the middle of a run: workers reconnect and every execution completes, each node committed once.</summary>
public sealed class PostgresRestartTests
{
    [PostgresFact]
    public async Task Workers_ride_out_a_database_restart_and_lose_nothing()
    {
        const int count = 400;
        await using var cluster = await PostgresServer.StartPrivateAsync();
        await using var database = ToolflowDatabase.Create(new DatabaseOptions { Provider = "postgres", ConnectionString = cluster.ConnectionString });
        await new Migrator(database).MigrateAsync(CancellationToken.None);
        await using var h = new DurableHarness(database);
        var (owner, workflow) = await h.WorkflowAsync(DurableHarness.Echo("a"), DurableHarness.Echo("b"), DurableHarness.Echo("c"));
        for (var i = 0; i < count; i++)
        {
            await h.ExecuteAsync(owner, workflow);
        }

        async Task<long> CompletedAsync()
        {
            try
            {
                return await database.CountAsync("SELECT count(*) FROM workflow_executions WHERE status = 'completed'", new { });
            }
            catch (Exception e) when (e is Toolflow.Storage.Errors.StorageException or Npgsql.NpgsqlException)
            {
                return -1; // the server is down right now
            }
        }

        using var stop = new CancellationTokenSource();
        var sweeper = h.Sweeper().RunAsync(stop.Token);
        var workers = new[] { h.Start(stop.Token, DurableHarness.Options(concurrency: 4)), h.Start(stop.Token, DurableHarness.Options(concurrency: 4)) };
        await DurableHarness.UntilAsync(async () => await CompletedAsync() >= 20, "the first executions to complete", 120);

        var beforeRestart = await CompletedAsync();
        await cluster.RestartAsync(TimeSpan.FromSeconds(2));

        await DurableHarness.UntilAsync(async () => await CompletedAsync() == count, "every execution to complete after the restart", 180);
        await stop.CancelAsync();
        await Task.WhenAll([sweeper, .. workers]);

        Assert.True(beforeRestart < count, $"all {count} executions finished before the restart: the test proved nothing");
        var perExecution = await database.QueryAsync(
            "SELECT execution_id, count(*) AS n FROM execution_events WHERE type = 'node.completed' GROUP BY execution_id", new { });
        Assert.Equal(count, perExecution.Count);
        Assert.All(perExecution, row => Assert.Equal(3, SqlValues.AsLong(row["n"])));
        Assert.Equal(0, await database.CountAsync("SELECT count(*) FROM workflow_executions WHERE lease_token IS NOT NULL", new { }));
    }
}
