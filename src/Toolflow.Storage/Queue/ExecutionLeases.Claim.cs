using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.Queue;

public sealed partial class ExecutionLeases
{
    /// <summary>
    /// One claim per free slot: the jobs and their execution rows leased with one token. On
    /// PostgreSQL that is one statement in one round trip (data-modifying CTEs); SQLite takes its
    /// write transaction, which is in-process and cheap.
    /// </summary>
    public Task<IReadOnlyList<ExecutionLease>> ClaimAsync(string worker, int max, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var token = Guid.NewGuid();
        return _sql.IsPostgres
            ? ClaimPostgresAsync(worker, max, duration, now, token, cancellationToken)
            : ClaimInTransactionAsync(worker, max, duration, now, token, cancellationToken);
    }

    private async Task<IReadOnlyList<ExecutionLease>> ClaimPostgresAsync(string worker, int max, TimeSpan duration, DateTimeOffset now, Guid token, CancellationToken cancellationToken)
    {
        var claimed = await _sql.StatementAsync(db => db.ListAsync(
            $$"""
            WITH claimed AS (
                {{JobQueue.ClaimUpdate(postgres: true)}}
                RETURNING id, attempts, max_attempts, run_at,
                          CASE WHEN payload ->> 'executionId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                               THEN (payload ->> 'executionId')::uuid END AS execution_id
            ), held AS (
                UPDATE workflow_executions AS e
                   SET lease_owner = @worker, lease_token = @token, lease_expires_at = @until, updated_at = @now
                  FROM claimed AS c
                 WHERE e.id = c.execution_id AND e.status NOT IN ('completed', 'failed', 'cancelled')
                RETURNING e.id
            )
            SELECT c.id, c.attempts, c.max_attempts, c.run_at, c.execution_id,
                   EXISTS (SELECT 1 FROM held AS h WHERE h.id = c.execution_id) AS held
              FROM claimed AS c
            """,
            row => (Job: row.Guid("id"), Attempts: row.Int("attempts"), MaxAttempts: row.Int("max_attempts"), ReadyAt: row.NullableTime("run_at"),
                Execution: row.NullableGuid("execution_id"), Held: row.Bool("held")),
            ("worker", worker), ("until", now + duration), ("token", token), ("now", now), ("kind", ExecutionJobs.Kind), ("max", max)), cancellationToken);
        var leases = new List<ExecutionLease>(claimed.Count);
        foreach (var job in claimed)
        {
            if (job.Held && job.Execution is { } id)
            {
                leases.Add(new ExecutionLease(job.Job, id.ToString("D"), token, job.Attempts, job.MaxAttempts) { ReadyAt = job.ReadyAt });
            }
            else
            {
                await _sql.WriteAsync(db => EndUnneededAsync(db, job.Job, job.Execution, token, now), cancellationToken);
            }
        }

        return leases;
    }

    private Task<IReadOnlyList<ExecutionLease>> ClaimInTransactionAsync(string worker, int max, TimeSpan duration, DateTimeOffset now, Guid token, CancellationToken cancellationToken) =>
        _sql.WriteAsync<IReadOnlyList<ExecutionLease>>(async db =>
        {
            var jobs = await JobQueue.ClaimAsync(db, ExecutionJobs.Kind, worker, max, now, now + duration, token);
            var leases = new List<ExecutionLease>(jobs.Count);
            foreach (var job in jobs)
            {
                var executionId = (string?)job.Payload?["executionId"];
                var held = Guid.TryParse(executionId, out var id) && await db.ExecuteAsync(
                    """
                    UPDATE workflow_executions SET lease_owner = @worker, lease_token = @token, lease_expires_at = @until, updated_at = @now
                     WHERE id = @id AND status NOT IN ('completed', 'failed', 'cancelled')
                    """,
                    ("worker", worker), ("token", token), ("until", now + duration), ("now", now), ("id", id)) > 0;
                if (held)
                {
                    leases.Add(new ExecutionLease(job.Id, id.ToString("D"), token, job.Attempts, job.MaxAttempts) { ReadyAt = job.ReadyAt });
                }
                else
                {
                    await EndUnneededAsync(db, job.Id, Guid.TryParse(executionId, out var ended) ? ended : null, token, now);
                }
            }

            return leases;
        }, cancellationToken);

    /// <summary>
    /// Nothing left to run (ended, e.g. by a worker that died before handing it back, or deleted):
    /// the job is done, and a dead worker's lease is cleared.
    /// </summary>
    private static async Task<bool> EndUnneededAsync(Db db, Guid jobId, Guid? executionId, Guid token, DateTimeOffset now)
    {
        await CompleteJobAsync(db, jobId, token, now);
        if (executionId is { } id)
        {
            await db.ExecuteAsync(
                "UPDATE workflow_executions SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = @id AND lease_token IS NOT NULL",
                ("id", id));
        }

        return true;
    }
}
