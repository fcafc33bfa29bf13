using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Retention;

namespace Toolflow.Storage.Queue;

/// <summary>
/// Housekeeping in bounded batches: re-queue jobs whose lease expired (their worker died or hung;
/// the next claim re-leases the execution with a new token, which fences the old worker), enqueue
/// waiting executions whose wake_at has come (delays and approval timeouts: the engine decides
/// which), and prune by retention. Each batch is one transaction that skips rows other sweepers
/// hold (PostgreSQL) or is serialised (SQLite), so several sweepers are safe.
/// </summary>
public sealed class ExecutionSweeper(ToolflowDatabase database, TimeProvider time, ExecutionRetention? retention = null) : IExecutionSweeper
{
    private readonly SqlSession _sql = new(database);
    private readonly JobQueue _jobs = new(database, time);

    public async Task<int> SweepAsync(int batchSize, CancellationToken cancellationToken)
    {
        var touched = await _jobs.RequeueExpiredAsync(batchSize, cancellationToken);
        touched += await WakeDueAsync(batchSize, cancellationToken);
        touched += await FailAbandonedAsync(batchSize, cancellationToken);
        if (retention is not null)
        {
            touched += (int)Math.Min(int.MaxValue, await retention.PruneAsync(cancellationToken));
        }

        return touched;
    }

    /// <summary>
    /// Ends <c>failed</c> the live executions whose job was dead-lettered (its lease expired
    /// <c>max_attempts</c> times: every worker that took it died) and that no job serves any more.
    /// Only rows with an expired lease are candidates (a clean hand-back clears the lease), which
    /// keeps this to the few abandoned executions.
    /// </summary>
    public async Task<int> FailAbandonedAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ended = await _sql.WriteAsync(async db =>
        {
            var failed = await db.ListAsync(
                $"""
                UPDATE workflow_executions
                   SET status = 'failed', completed_at = @now, updated_at = @now, error = @error,
                       lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
                 WHERE id IN (SELECT e.id FROM workflow_executions AS e
                               WHERE e.status IN ('queued', 'running', 'pausing') AND e.lease_expires_at < @now
                                 AND EXISTS (SELECT 1 FROM jobs AS j WHERE j.unique_key = 'execution:' || {(db.IsPostgres ? "e.id::text" : "e.id")} AND j.status = 'failed')
                                 AND NOT EXISTS (SELECT 1 FROM jobs AS j WHERE j.unique_key = 'execution:' || {(db.IsPostgres ? "e.id::text" : "e.id")} AND j.status IN ('queued', 'running'))
                               LIMIT @batch{(db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")})
                RETURNING id
                """,
                row => row.Guid("id"),
                ("now", now), ("batch", batchSize),
                ("error", new JsonText("""{"code":"worker.lost","message":"every worker that took this execution stopped responding"}""")));
            foreach (var id in failed)
            {
                await Triggers.WorkflowTriggers.StartTargetsAsync(db, id, Core.Definitions.ExecutionStatus.Failed, now);
                await ExecutionStore.ParentWake.SignalAsync(db, id, Core.Definitions.ExecutionStatus.Failed, now);
            }

            return failed;
        }, cancellationToken);
        foreach (var id in ended)
        {
            // After the transaction, as a final commit does (ChildCancel says why).
            await ExecutionStore.ChildCancel.TryRequestAsync(_sql, id, time);
        }

        return ended.Count;
    }

    /// <summary>Clears wake_at of due waiting executions and enqueues each (the unique key absorbs duplicates).</summary>
    public Task<int> WakeDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return _sql.WriteAsync(async db =>
        {
            var due = await db.ListAsync(
                $"""
                UPDATE workflow_executions SET wake_at = NULL, updated_at = @now
                 WHERE id IN (SELECT id FROM workflow_executions WHERE status = 'waiting' AND wake_at <= @now
                              ORDER BY wake_at LIMIT @batch{(db.IsPostgres ? " FOR UPDATE SKIP LOCKED" : "")})
                RETURNING id
                """,
                row => row.Guid("id"), ("now", now), ("batch", batchSize));
            foreach (var id in due)
            {
                await ExecutionJobs.InsertAsync(db, id, 0, now, now);
            }

            return due.Count;
        }, cancellationToken);
    }
}
