using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.Queue;

/// <summary>
/// The <c>jobs</c> table as a queue. Claiming is one statement: on PostgreSQL an UPDATE over a
/// <c>FOR UPDATE SKIP LOCKED</c> sub-select, so concurrent claimers never block on or share a row;
/// on SQLite the same UPDATE inside one IMMEDIATE transaction, which serialises claimers. Every
/// change to a claimed job is fenced by its lease token: a worker whose lease was taken over
/// changes nothing. Times come from the <see cref="TimeProvider"/> so fake clocks drive the queue.
/// </summary>
public sealed partial class JobQueue(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    internal SqlSession Session => _sql;

    internal DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Inserts the job; false when an unfinished job with the same unique key exists.</summary>
    public Task<bool> EnqueueAsync(NewJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = Now;
        return _sql.WriteAsync(async db => await InsertAsync(db, job, now) > 0, cancellationToken);
    }

    internal static Task<int> InsertAsync(Db db, NewJob job, DateTimeOffset now) =>
        db.ExecuteAsync(
            """
            INSERT INTO jobs (id, queue, kind, payload, priority, run_at, max_attempts, unique_key, created_at, updated_at)
            VALUES (@id, @queue, @kind, @payload, @priority, @runAt, @max, @unique, @now, @now)
            ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
            """,
            ("id", Guid.CreateVersion7()), ("queue", job.Queue), ("kind", job.Kind),
            ("payload", new JsonText(job.Payload?.ToJsonString() ?? "{}")), ("priority", job.Priority),
            ("runAt", job.RunAt ?? now), ("max", job.MaxAttempts), ("unique", job.UniqueKey), ("now", now));

    /// <summary>Claims up to <paramref name="max"/> due jobs of <paramref name="kind"/>: highest priority, then earliest run_at.</summary>
    public Task<IReadOnlyList<ClaimedJob>> ClaimAsync(string kind, string worker, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var token = Guid.NewGuid();
        return _sql.WriteAsync<IReadOnlyList<ClaimedJob>>(db => ClaimAsync(db, kind, worker, max, now, now + lease, token), cancellationToken);
    }

    /// <summary>
    /// The claiming UPDATE, without its RETURNING (parameters @worker, @until, @token, @now, @kind, @max):
    /// highest priority, then earliest run_at; concurrent claimers skip each other's rows on PostgreSQL.
    /// </summary>
    internal static string ClaimUpdate(bool postgres) =>
        $"""
        UPDATE jobs
           SET status = 'running', locked_by = @worker, locked_until = @until, lease_token = @token,
               attempts = attempts + 1, updated_at = @now
         WHERE id IN (SELECT id FROM jobs
                       WHERE status = 'queued' AND kind = @kind AND run_at <= @now
                       ORDER BY priority DESC, run_at
                       LIMIT @max{(postgres ? " FOR UPDATE SKIP LOCKED" : "")})
        """;

    internal static async Task<IReadOnlyList<ClaimedJob>> ClaimAsync(Db db, string kind, string worker, int max, DateTimeOffset now, DateTimeOffset until, Guid token) =>
        await db.ListAsync(
            ClaimUpdate(db.IsPostgres) + "\nRETURNING id, kind, payload, attempts, max_attempts, locked_until, run_at",
            row => new ClaimedJob(row.Guid("id"), row.String("kind"), row.Json("payload"), row.Int("attempts"), row.Int("max_attempts"), token, row.Time("locked_until"))
            {
                ReadyAt = row.NullableTime("run_at"),
            },
            ("worker", worker), ("until", until), ("token", token), ("now", now), ("kind", kind), ("max", max));
}
