using Toolflow.Storage.Database;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Triggers;

/// <summary>
/// The trigger keeping workflows.execution_count, success_count, failure_count, last_executed_at
/// and avg_duration_ms (the mean duration of completed executions) when executions end.
/// </summary>
public abstract class ExecutionCountersSuite(StoreFixture store)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private ToolflowDatabase Db => store.Database;

    [StoreFact]
    public async Task Finishing_AMixOfExecutions_CountsEachOutcomeAndAveragesCompletedDurations()
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db));
        await FinishAsync(await Seed.ExecutionAsync(Db, workflow), "completed", T0.AddMinutes(1), 100);
        await FinishAsync(await Seed.ExecutionAsync(Db, workflow), "failed", T0.AddMinutes(5), 50_000);
        await FinishAsync(await Seed.ExecutionAsync(Db, workflow), "completed", T0.AddMinutes(3), 200);
        await FinishAsync(await Seed.ExecutionAsync(Db, workflow), "cancelled", T0.AddMinutes(2), null);
        await FinishAsync(await Seed.ExecutionAsync(Db, workflow), "failed", T0.AddMinutes(4), null);
        // Inserted already finished (e.g. rejected before it started) counts too.
        await Seed.ExecutionAsync(Db, workflow, "completed", T0.AddMinutes(2), 600);
        // Still live: not counted.
        await Seed.ExecutionAsync(Db, workflow, "running");
        await Seed.ExecutionAsync(Db, workflow, "waiting");

        var row = await CountersAsync(workflow);

        Assert.Equal(6, SqlValues.AsLong(row["execution_count"]));
        Assert.Equal(3, SqlValues.AsLong(row["success_count"]));
        Assert.Equal(2, SqlValues.AsLong(row["failure_count"]));
        Assert.Equal(300.0, SqlValues.AsDouble(row["avg_duration_ms"])!.Value, 6);
        Assert.Equal(T0.AddMinutes(5), SqlValues.AsTime(row["last_executed_at"]));
    }

    [StoreFact]
    public async Task Updating_AFinishedExecutionAgain_CountsNothingTwice()
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db));
        var done = await Seed.ExecutionAsync(Db, workflow);
        await FinishAsync(done, "completed", T0, 1000);
        var failed = await Seed.ExecutionAsync(Db, workflow);
        await FinishAsync(failed, "failed", T0.AddMinutes(1), null);
        var before = await CountersAsync(workflow);

        // The same final status written again, a final row edited, one final status replaced by another.
        await FinishAsync(done, "completed", T0.AddHours(1), 9000);
        await Db.ExecuteAsync("UPDATE workflow_executions SET output = @output WHERE id = @done", new { done, output = new SqlJson("{\"x\":1}") });
        await FinishAsync(failed, "cancelled", T0.AddHours(2), null);

        Assert.Equal(before, await CountersAsync(workflow));
        Assert.Equal(2, SqlValues.AsLong(before["execution_count"]));
        Assert.Equal(1000.0, SqlValues.AsDouble(before["avg_duration_ms"])!.Value, 6);
    }

    [StoreFact]
    public async Task Counters_BeforeAnyExecutionEnds_AreZeroWithoutAverageOrLastRun()
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db));
        await Seed.ExecutionAsync(Db, workflow, "running");

        var row = await CountersAsync(workflow);

        Assert.Equal(0, SqlValues.AsLong(row["execution_count"]));
        Assert.Null(row["avg_duration_ms"]);
        Assert.Null(row["last_executed_at"]);
    }

    private Task FinishAsync(Guid id, string status, DateTimeOffset completedAt, long? durationMs) =>
        Db.ExecuteAsync(
            "UPDATE workflow_executions SET status = @status, completed_at = @completedAt, duration_ms = @durationMs WHERE id = @id",
            new { id, status, completedAt, durationMs });

    private async Task<Dictionary<string, object?>> CountersAsync(Guid workflow)
    {
        var rows = await Db.QueryAsync(
            "SELECT execution_count, success_count, failure_count, avg_duration_ms, last_executed_at FROM workflows WHERE id = @workflow",
            new { workflow });
        return rows.Single().ToDictionary(kv => kv.Key, kv => kv.Value);
    }
}

public sealed class SqliteExecutionCountersTests(SqliteStoreFixture store) : ExecutionCountersSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresExecutionCountersTests(PostgresStoreFixture store) : ExecutionCountersSuite(store), IClassFixture<PostgresStoreFixture>;
