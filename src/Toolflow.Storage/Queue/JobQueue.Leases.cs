namespace Toolflow.Storage.Queue;

public sealed partial class JobQueue
{
    /// <summary>
    /// The SET of a job that is done, <paramref name="at"/> being the SQL for the time (a parameter):
    /// one spelling for every path that completes a job (here, the execution leases, and a run's final commit).
    /// </summary>
    internal static string CompletedSet(string at) =>
        $"status = 'completed', finished_at = {at}, updated_at = {at}, locked_by = NULL, locked_until = NULL, lease_token = NULL";

    /// <summary>Done: the job is completed. False when the lease was lost (another worker holds it).</summary>
    public Task<bool> CompleteAsync(Guid id, Guid leaseToken, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return _sql.WriteAsync(async db => await db.ExecuteAsync(
            $"UPDATE jobs SET {CompletedSet("@now")} WHERE id = @id AND lease_token = @token AND status = 'running'",
            ("now", now), ("id", id), ("token", leaseToken)) > 0, cancellationToken);
    }

    /// <summary>
    /// A failed attempt: back to <c>queued</c> at <c>now + retryDelay</c> while attempts remain,
    /// else the dead letter (<c>failed</c> with <paramref name="error"/>).
    /// </summary>
    public Task<bool> FailAsync(Guid id, Guid leaseToken, string error, TimeSpan retryDelay, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return _sql.WriteAsync(async db => await db.ExecuteAsync(
            """
            UPDATE jobs
               SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                   finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END,
                   run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE @retryAt END,
                   last_error = @error, updated_at = @now,
                   locked_by = NULL, locked_until = NULL, lease_token = NULL
             WHERE id = @id AND lease_token = @token AND status = 'running'
            """,
            ("now", now), ("retryAt", now + retryDelay), ("error", error), ("id", id), ("token", leaseToken)) > 0, cancellationToken);
    }

    /// <summary>Gives the job back untouched (graceful shutdown): queued at once, the attempt not counted.</summary>
    public Task<bool> ReleaseAsync(Guid id, Guid leaseToken, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return _sql.WriteAsync(async db => await db.ExecuteAsync(
            """
            UPDATE jobs SET status = 'queued', run_at = @now, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
                   updated_at = @now, locked_by = NULL, locked_until = NULL, lease_token = NULL
             WHERE id = @id AND lease_token = @token AND status = 'running'
            """,
            ("now", now), ("id", id), ("token", leaseToken)) > 0, cancellationToken);
    }

    /// <summary>Extends the lease; false when it was lost (expired and re-queued, or claimed by another worker).</summary>
    public Task<bool> RenewAsync(Guid id, Guid leaseToken, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return _sql.WriteAsync(async db => await db.ExecuteAsync(
            "UPDATE jobs SET locked_until = @until, updated_at = @now WHERE id = @id AND lease_token = @token AND status = 'running'",
            ("until", now + lease), ("now", now), ("id", id), ("token", leaseToken)) > 0, cancellationToken);
    }

    /// <summary>
    /// Re-queues up to <paramref name="batch"/> running jobs whose lease expired (dead-lettering those
    /// out of attempts). Skips rows another sweeper holds, so several sweepers never collide.
    /// </summary>
    public Task<int> RequeueExpiredAsync(int batch, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return _sql.WriteAsync(db => db.ExecuteAsync(
            $"""
            UPDATE jobs
               SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                   finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END,
                   last_error = 'lease expired', run_at = @now, updated_at = @now,
                   locked_by = NULL, locked_until = NULL, lease_token = NULL
             WHERE id IN (SELECT id FROM jobs WHERE status = 'running' AND locked_until < @now
                          LIMIT @batch{(db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")})
            """,
            ("now", now), ("batch", batch)), cancellationToken);
    }
}
