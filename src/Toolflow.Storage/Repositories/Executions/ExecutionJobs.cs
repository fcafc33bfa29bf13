namespace Toolflow.Storage.Repositories.Executions;

/// <summary>
/// The job that asks a worker to run an execution. Only the insert lives here (in the same
/// transaction as the execution row); claiming is the durable queue's. The unique key keeps at
/// most one live job per execution.
/// </summary>
public static class ExecutionJobs
{
    public const string Kind = "execution";
    public const string Queue = "default";

    public static string UniqueKey(Guid executionId) => $"execution:{executionId:D}";

    internal static Task<int> InsertAsync(Db db, Guid executionId, int priority, DateTimeOffset runAt, DateTimeOffset now) =>
        db.ExecuteAsync(InsertSql("VALUES (@jobId, @queue, @kind, @payload, @priority, @runAt, @unique, @now, @now)"), Parameters(executionId, priority, runAt, now));

    /// <summary>
    /// The job INSERT with <paramref name="rows"/> as its source (<c>VALUES …</c>, or on PostgreSQL a
    /// <c>SELECT … FROM</c> a CTE, so the job is written only if the execution row was); its
    /// parameters are <see cref="Parameters"/>.
    /// </summary>
    internal static string InsertSql(string rows) =>
        $"""
        INSERT INTO jobs (id, queue, kind, payload, priority, run_at, unique_key, created_at, updated_at)
        {rows}
        ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
        """;

    internal static (string Name, object? Value)[] Parameters(Guid executionId, int priority, DateTimeOffset runAt, DateTimeOffset now) =>
    [
        ("jobId", Guid.CreateVersion7()), ("queue", Queue), ("kind", Kind),
        ("payload", new JsonText($"{{\"executionId\":\"{executionId:D}\"}}")), ("priority", priority),
        ("runAt", runAt), ("unique", UniqueKey(executionId)), ("now", now),
    ];
}
