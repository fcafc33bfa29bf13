using Toolflow.Storage.Database;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Triggers;

/// <summary>updated_at moves on an edit, stays on counter updates, and respects a value the application sets.</summary>
public abstract class UpdatedAtSuite(StoreFixture store)
{
    private static readonly DateTimeOffset LongAgo = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ToolflowDatabase Db => store.Database;

    public static TheoryData<string> Tables => ["users", "workflows", "workflow_executions", "executions", "jobs", "workflow_templates"];

    [StoreTheory]
    [MemberData(nameof(Tables))]
    public async Task Update_OfARow_MovesUpdatedAt(string table)
    {
        var (id, edit) = await RowAsync(table);
        await Db.ExecuteAsync($"UPDATE {table} SET updated_at = @LongAgo WHERE id = @id", new { LongAgo, id });

        await Db.ExecuteAsync(edit, new { id });

        var updatedAt = SqlValues.AsTime(await Db.ScalarAsync($"SELECT updated_at FROM {table} WHERE id = @id", new { id }));
        Assert.True(updatedAt > LongAgo.AddDays(1), $"{table}.updated_at stayed at {updatedAt}");
    }

    [StoreFact]
    public async Task Update_OfWorkflowCountersOnly_LeavesUpdatedAt()
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db), updatedAt: LongAgo);

        await Db.ExecuteAsync("UPDATE workflows SET execution_count = execution_count + 1 WHERE id = @workflow", new { workflow });

        Assert.Equal(LongAgo, SqlValues.AsTime(await Db.ScalarAsync("SELECT updated_at FROM workflows WHERE id = @workflow", new { workflow })));
    }

    [StoreFact]
    public async Task Update_SettingUpdatedAtExplicitly_KeepsTheGivenTime()
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db), updatedAt: LongAgo);
        var given = new DateTimeOffset(2021, 6, 1, 12, 0, 0, TimeSpan.Zero);

        await Db.ExecuteAsync("UPDATE workflows SET name = 'renamed', updated_at = @given WHERE id = @workflow", new { given, workflow });

        Assert.Equal(given, SqlValues.AsTime(await Db.ScalarAsync("SELECT updated_at FROM workflows WHERE id = @workflow", new { workflow })));
    }

    [StoreTheory]
    [MemberData(nameof(Tables))]
    public async Task Update_SettingUpdatedAtExplicitly_KeepsTheGivenTime_InEveryTable(string table)
    {
        var (id, edit) = await RowAsync(table);
        var given = new DateTimeOffset(2021, 6, 1, 12, 0, 0, TimeSpan.Zero);

        await Db.ExecuteAsync(edit.Replace(" WHERE id", ", updated_at = @given WHERE id", StringComparison.Ordinal), new { id, given });

        Assert.Equal(given, SqlValues.AsTime(await Db.ScalarAsync($"SELECT updated_at FROM {table} WHERE id = @id", new { id })));
    }

    private async Task<(Guid Id, string Edit)> RowAsync(string table)
    {
        var owner = await Seed.UserAsync(Db);
        return table switch
        {
            "users" => (owner, "UPDATE users SET display_name = 'renamed' WHERE id = @id"),
            "workflows" => (await Seed.WorkflowAsync(Db, owner), "UPDATE workflows SET status = 'active' WHERE id = @id"),
            "workflow_executions" => (await Seed.ExecutionAsync(Db, await Seed.WorkflowAsync(Db, owner)),
                "UPDATE workflow_executions SET steps_completed = 1 WHERE id = @id"),
            "executions" => (await NodeRowAsync(await Seed.ExecutionAsync(Db, await Seed.WorkflowAsync(Db, owner))),
                "UPDATE executions SET status = 'completed' WHERE id = @id"),
            "jobs" => (await Seed.JobAsync(Db), "UPDATE jobs SET priority = 5 WHERE id = @id"),
            "workflow_templates" => (await Seed.TemplateAsync(Db, owner, published: false),
                "UPDATE workflow_templates SET category = 'ops' WHERE id = @id"),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
    }

    private async Task<Guid> NodeRowAsync(Guid execution)
    {
        var id = Guid.NewGuid();
        await Db.ExecuteAsync(
            "INSERT INTO executions (id, workflow_execution_id, node_id, status) VALUES (@id, @execution, 'a', 'running')",
            new { id, execution });
        return id;
    }
}

public sealed class SqliteUpdatedAtTests(SqliteStoreFixture store) : UpdatedAtSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresUpdatedAtTests(PostgresStoreFixture store) : UpdatedAtSuite(store), IClassFixture<PostgresStoreFixture>;
