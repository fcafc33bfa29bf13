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
            var job = await db.ExecuteAsync(RenewJobSql, RenewJobParameters(lease, now + duration, now));
            var control = await db.ListAsync(RenewRowSql, ReadControl, RenewRowParameters(lease, now + duration));
            return Check(job, control);
        }, cancellationToken);
    }

    private const string RenewRowSql = "UPDATE workflow_executions SET lease_expires_at = @until WHERE id = @id AND lease_token = @token RETURNING checkpoint";

    private const string RenewJobSql = "UPDATE jobs SET locked_until = @until, updated_at = @now WHERE id = @id AND lease_token = @token AND status = 'running'";

    private static (string, object?)[] RenewRowParameters(ExecutionLease lease, DateTimeOffset until) =>
        [("until", until), ("id", Guid.Parse(lease.ExecutionId)), ("token", lease.Token)];

    private static (string, object?)[] RenewJobParameters(ExecutionLease lease, DateTimeOffset until, DateTimeOffset now) =>
        [("until", until), ("now", now), ("id", lease.JobId), ("token", lease.Token)];

    private static Core.Execution.ControlRequest ReadControl(RowReader row) => Checkpoint.Read(row.Json("checkpoint")).Control;

    /// <summary>
    /// PostgreSQL: one batch — one implicit transaction, the execution row before the job (the order
    /// finishing takes) — in one round trip. Never an open transaction between round trips: a worker
    /// frozen (SIGSTOP, a long GC pause) mid-heartbeat would otherwise hold both rows' locks, and the
    /// sweeper, which skips locked rows, could never rescue its execution.
    /// </summary>
    private async Task<LeaseCheck> RenewPostgresAsync(ExecutionLease lease, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (control, changed) = await _sql.StatementAsync(
            db => db.BatchAsync(ReadControl, (RenewRowSql, RenewRowParameters(lease, until)), (RenewJobSql, RenewJobParameters(lease, until, now))),
            cancellationToken);
        return Check(changed[1], control);
    }

    private static LeaseCheck Check(int jobsRenewed, List<Core.Execution.ControlRequest> control) =>
        jobsRenewed == 0 || control.Count == 0 ? LeaseCheck.Lost : control[0] switch
        {
            Core.Execution.ControlRequest.Pause => LeaseCheck.PauseRequested,
            Core.Execution.ControlRequest.Cancel => LeaseCheck.CancelRequested,
            _ => LeaseCheck.Held,
        };
}
