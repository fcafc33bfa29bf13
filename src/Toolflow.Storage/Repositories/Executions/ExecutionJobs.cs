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
        db.ExecuteAsync(
            """
            INSERT INTO jobs (id, queue, kind, payload, priority, run_at, unique_key, created_at, updated_at)
            VALUES (@id, @queue, @kind, @payload, @priority, @runAt, @unique, @now, @now)
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
            """,
            ("id", Guid.CreateVersion7()), ("queue", Queue), ("kind", Kind),
            ("payload", new JsonText($"{{\"executionId\":\"{executionId:D}\"}}")), ("priority", priority),
            ("runAt", runAt), ("unique", UniqueKey(executionId)), ("now", now));
}
