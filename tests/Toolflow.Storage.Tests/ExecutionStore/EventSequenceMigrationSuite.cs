using System.Text.Json.Nodes;
using Toolflow.Core.Execution;
using Toolflow.Storage.Database;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Tests.Repositories;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.ExecutionStore;

/// <summary>Migration 0007 (<c>workflow_executions.last_sequence</c>) on a database whose log already holds events.</summary>
public abstract class EventSequenceMigrationSuite(StoreFixture store)
{
    [StoreFact]
    public async Task Migration0007_BackfillsTheLastSequence_SoCommitsContinueTheNumbering()
    {
        var (h, _) = await RepositoryHarness.FreshAsync(store);
        await using var harness = h;
        var db = harness.Database;
        var owner = await harness.MemberAsync();
        var workflow = await harness.WorkflowAsync(owner);
        var logged = (await harness.Executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id))).Execution.Id;
        var quiet = (await harness.Executions.CreateAsync(owner, new Toolflow.Storage.Repositories.Executions.NewExecution(workflow.Id))).Execution.Id;

        // The rows are made by today's code, then the schema goes back under them.
        await RollBackTo0006Async(db, store.Dialect);
        for (var sequence = 1; sequence <= 4; sequence++)
        {
            // As the code before 0007 wrote them: the log only.
            await db.ExecuteAsync(
                "INSERT INTO execution_events (execution_id, sequence, type, occurred_at, data) VALUES (@id, @sequence, 'progress', @at, @data)",
                new { id = logged, sequence, at = DateTimeOffset.UnixEpoch, data = new SqlJson("{}") });
        }

        var updatedBefore = await db.ScalarAsync("SELECT updated_at FROM workflow_executions WHERE id = @id", new { id = logged });

        var report = await new Migrator(db).MigrateAsync(CancellationToken.None);

        Assert.Equal([7, 8, 9, 10, 11, 12], report.Applied.Select(a => a.Version));
        Assert.Equal(4, SqlValues.AsLong(await db.ScalarAsync("SELECT last_sequence FROM workflow_executions WHERE id = @id", new { id = logged })));
        Assert.Equal(0, SqlValues.AsLong(await db.ScalarAsync("SELECT last_sequence FROM workflow_executions WHERE id = @id", new { id = quiet })));
        Assert.Equal(updatedBefore, await db.ScalarAsync("SELECT updated_at FROM workflow_executions WHERE id = @id", new { id = logged }));

        var engineStore = new DatabaseExecutionStore(db, harness.Clock);
        var events = await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = logged.ToString("D"),
            Events = [new PendingEvent(ExecutionEventTypes.Progress, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject())), new PendingEvent(ExecutionEventTypes.Progress, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject()))],
        }, CancellationToken.None);
        Assert.Equal([5L, 6L], events.Select(e => e.Sequence));
        var first = await engineStore.CommitAsync(new ExecutionCommit
        {
            ExecutionId = quiet.ToString("D"),
            Events = [new PendingEvent(ExecutionEventTypes.Progress, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject()))],
        }, CancellationToken.None);
        Assert.Equal(1, first.Single().Sequence);
        var sequences = (await db.QueryAsync("SELECT sequence FROM execution_events WHERE execution_id = @id ORDER BY sequence", new { id = logged }))
            .Select(r => SqlValues.AsLong(r["sequence"]));
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], sequences);
    }

    /// <summary>Undoes 0007 on a freshly migrated database: the schema (and history) of a database at 0006.</summary>
    private static async Task RollBackTo0006Async(ToolflowDatabase db, SqlDialect dialect)
    {
        // Written against 0012 being the latest: a later migration would have to be undone here too.
        // 0008 only redefines triggers (and runs again as it is), so forgetting it is undoing it.
        Assert.Equal(12, MigrationCatalog.LatestVersion(dialect));
        await db.ExecuteAsync("DROP INDEX workflow_executions_created_idx");
        await db.ExecuteAsync("ALTER TABLE workflows DROP COLUMN paused_from");
        await db.ExecuteAsync("DROP TABLE data_protection_keys");
        await db.ExecuteAsync("ALTER TABLE workflow_executions DROP COLUMN parent_node_id");
        await db.ExecuteAsync("ALTER TABLE workflow_executions DROP COLUMN last_sequence");
        await db.ExecuteAsync("DELETE FROM schema_migrations WHERE version IN (7, 8, 9, 10, 11, 12)");
    }
}

public sealed class SqliteEventSequenceMigrationTests(SqliteStoreFixture store) : EventSequenceMigrationSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresEventSequenceMigrationTests(PostgresStoreFixture store) : EventSequenceMigrationSuite(store), IClassFixture<PostgresStoreFixture>;
