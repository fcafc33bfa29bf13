using Npgsql;
using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.Queue;

public sealed partial class ExecutionLeases
{
    public Task<LeaseCheck> RenewAsync(ExecutionLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = time.GetUtcNow();
        if (_sql.IsPostgres)
        {
            return RenewPostgresAsync(lease, now + duration, now, cancellationToken);
        }

        return _sql.WriteAsync(async db =>
        {
            var job = await db.ExecuteAsync(
                "UPDATE jobs SET locked_until = @until, updated_at = @now WHERE id = @id AND lease_token = @token AND status = 'running'",
                ("until", now + duration), ("now", now), ("id", lease.JobId), ("token", lease.Token));
            var control = await db.ListAsync(
                """
                UPDATE workflow_executions SET lease_expires_at = @until WHERE id = @id AND lease_token = @token
                RETURNING checkpoint
                """,
                row => Checkpoint.Read(row.Json("checkpoint")).Control,
                ("until", now + duration), ("id", Guid.Parse(lease.ExecutionId)), ("token", lease.Token));
            return Check(job, control);
        }, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: one batch — one implicit transaction, the execution row before the job (the order
    /// finishing takes) — in one round trip. Never an open transaction between round trips: a worker
    /// frozen (SIGSTOP, a long GC pause) mid-heartbeat would otherwise hold both rows' locks, and the
    /// sweeper, which skips locked rows, could never rescue its execution.
    /// </summary>
    private Task<LeaseCheck> RenewPostgresAsync(ExecutionLease lease, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken) =>
        _sql.StatementAsync(async db =>
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Connection);
            var renewRow = new NpgsqlBatchCommand("UPDATE workflow_executions SET lease_expires_at = $1 WHERE id = $2 AND lease_token = $3 RETURNING checkpoint")
            {
                Parameters = { new() { Value = until }, new() { Value = Guid.Parse(lease.ExecutionId) }, new() { Value = lease.Token } },
            };
            var renewJob = new NpgsqlBatchCommand("UPDATE jobs SET locked_until = $1, updated_at = $2 WHERE id = $3 AND lease_token = $4 AND status = 'running'")
            {
                Parameters = { new() { Value = until }, new() { Value = now }, new() { Value = lease.JobId }, new() { Value = lease.Token } },
            };
            batch.BatchCommands.Add(renewRow);
            batch.BatchCommands.Add(renewJob);
            var control = new List<Core.Execution.ControlRequest>();
            await using (var reader = await batch.ExecuteReaderAsync(db.CancellationToken))
            {
                var row = new RowReader(reader, db.Dialect);
                while (await reader.ReadAsync(db.CancellationToken))
                {
                    control.Add(Checkpoint.Read(row.Json("checkpoint")).Control);
                }

                while (await reader.NextResultAsync(db.CancellationToken))
                {
                    // The job's UPDATE has no rows to read; its count is on the batch command.
                }
            }

            return Check(renewJob.RecordsAffected, control);
        }, cancellationToken);

    private static LeaseCheck Check(int jobsRenewed, List<Core.Execution.ControlRequest> control) =>
        jobsRenewed == 0 || control.Count == 0 ? LeaseCheck.Lost : control[0] switch
        {
            Core.Execution.ControlRequest.Pause => LeaseCheck.PauseRequested,
            Core.Execution.ControlRequest.Cancel => LeaseCheck.CancelRequested,
            _ => LeaseCheck.Held,
        };
}
