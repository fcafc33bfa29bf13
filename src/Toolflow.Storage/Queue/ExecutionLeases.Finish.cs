using Toolflow.Core.Definitions;
using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.Queue;

public sealed partial class ExecutionLeases
{
    public Task FinishAsync(ExecutionLease lease, ExecutionStatus status, DateTimeOffset? wakeAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow();
        var id = Guid.Parse(lease.ExecutionId);
        if (_sql.IsPostgres)
        {
            return FinishPostgresAsync(lease, status, wakeAt, id, now, cancellationToken);
        }

        return _sql.WriteAsync(async db =>
        {
            if (status == ExecutionStatus.Waiting)
            {
                await db.ExecuteAsync(
                    "UPDATE workflow_executions SET wake_at = @wakeAt WHERE id = @id AND lease_token = @token AND status = 'waiting'",
                    ("wakeAt", wakeAt), ("id", id), ("token", lease.Token));
            }

            await ClearLeaseAsync(db, lease, now);
            await CompleteJobAsync(db, lease.JobId, lease.Token, now);

            // A resume, signal or control request that arrived while this job still held the unique
            // key could not enqueue; look now, under the same transaction, and enqueue for it.
            var states = await db.ListAsync("SELECT status, checkpoint, wake_at FROM workflow_executions WHERE id = @id", ReadState, ("id", id));
            if (states is [var s] && NeedsRun(s.Status, s.Checkpoint, s.WakeAt, now))
            {
                await ExecutionJobs.InsertAsync(db, id, 0, now, now);
            }

            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: the lease cleared and the job completed in one round trip — one batch, which runs
    /// as one implicit transaction, its statements in order (the execution row before the job, the
    /// order a resume that enqueues takes them, so the two cannot deadlock). Only an execution that
    /// needs another run (a resume, signal or control request that came while this job held the
    /// unique key) takes a second round trip, to enqueue it.
    /// </summary>
    private async Task FinishPostgresAsync(ExecutionLease lease, ExecutionStatus status, DateTimeOffset? wakeAt, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (states, _) = await _sql.StatementAsync(
            db => db.BatchAsync(
                ReadState,
                ("""
                 UPDATE workflow_executions
                    SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = @now,
                        wake_at = CASE WHEN @waiting AND status = 'waiting' THEN @wakeAt ELSE wake_at END
                  WHERE id = @id AND lease_token = @token
                 RETURNING status, checkpoint, wake_at
                 """,
                 [("now", now), ("waiting", status == ExecutionStatus.Waiting), ("wakeAt", wakeAt), ("id", id), ("token", lease.Token)]),
                (CompleteJobSql, CompleteJobParameters(lease.JobId, lease.Token, now))),
            cancellationToken);
        if (states is [var s] && NeedsRun(s.Status, s.Checkpoint, s.WakeAt, now))
        {
            await _sql.WriteAsync(async db => await ExecutionJobs.InsertAsync(db, id, 0, now, now), cancellationToken);
        }
    }

    private static (ExecutionStatus Status, Checkpoint Checkpoint, DateTimeOffset? WakeAt) ReadState(RowReader row) =>
        (SqlText.Parse<ExecutionStatus>(row.String("status")), Checkpoint.Read(row.Json("checkpoint")), row.NullableTime("wake_at"));

    private static bool NeedsRun(ExecutionStatus status, Checkpoint checkpoint, DateTimeOffset? wakeAt, DateTimeOffset now) => status switch
    {
        ExecutionStatus.Queued or ExecutionStatus.Running or ExecutionStatus.Pausing => true,
        ExecutionStatus.Waiting => checkpoint.Signals.Count > 0 || checkpoint.Control != Core.Execution.ControlRequest.None || wakeAt <= now,
        ExecutionStatus.Paused => checkpoint.Control == Core.Execution.ControlRequest.Cancel,
        _ => false,
    };

    public Task FailAsync(ExecutionLease lease, string error, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow();
        return _sql.WriteAsync(async db =>
        {
            await ClearLeaseAsync(db, lease, now);
            var failed = await db.ExecuteAsync(
                """
                UPDATE jobs
                   SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                       finished_at = CASE WHEN attempts >= max_attempts THEN @now ELSE NULL END,
                       run_at = @retryAt, last_error = @error, updated_at = @now, locked_by = NULL, locked_until = NULL, lease_token = NULL
                 WHERE id = @id AND lease_token = @token AND status = 'running'
                """,
                ("now", now), ("retryAt", now + retryDelay), ("error", error), ("id", lease.JobId), ("token", lease.Token));

            // Dead letter: the runs keep crashing (not a workflow failure, which the engine commits
            // itself). End the execution failed rather than leave it running with no job.
            var ended = await db.ExecuteAsync(
                """
                UPDATE workflow_executions SET status = 'failed', error = @error, completed_at = @now, updated_at = @now
                 WHERE id = @id AND status NOT IN ('completed', 'failed', 'cancelled')
                   AND EXISTS (SELECT 1 FROM jobs WHERE id = @job AND status = 'failed')
                """,
                ("error", new JsonText(new System.Text.Json.Nodes.JsonObject { ["code"] = "worker.crashed", ["message"] = error }.ToJsonString())),
                ("now", now), ("id", Guid.Parse(lease.ExecutionId)), ("job", lease.JobId));
            if (ended > 0)
            {
                await Triggers.WorkflowTriggers.StartTargetsAsync(db, Guid.Parse(lease.ExecutionId), ExecutionStatus.Failed, now);
            }
            return failed;
        }, cancellationToken);
    }

    public Task ReleaseAsync(ExecutionLease lease, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow();
        return _sql.WriteAsync(async db =>
        {
            await ClearLeaseAsync(db, lease, now);
            return await db.ExecuteAsync(
                """
                UPDATE jobs SET status = 'queued', run_at = @runAt, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
                       updated_at = @now, locked_by = NULL, locked_until = NULL, lease_token = NULL
                 WHERE id = @id AND lease_token = @token AND status = 'running'
                """,
                ("now", now), ("runAt", now + delay), ("id", lease.JobId), ("token", lease.Token));
        }, cancellationToken);
    }
}
