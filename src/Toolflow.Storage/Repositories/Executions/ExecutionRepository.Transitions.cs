using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.Repositories.Executions;

public sealed partial class ExecutionRepository
{
    /// <summary>
    /// Compare-and-set: moves the execution from <paramref name="from"/> to <paramref name="to"/>
    /// only if it is still in <paramref name="from"/>. An illegal pair is an
    /// <see cref="IllegalTransitionException"/>; a lost race an <see cref="ExecutionStatusConflictException"/>.
    /// Timing follows the status: started_at on the first run, paused_at, resumed_at, and
    /// completed_at with duration_ms (since started_at, else created_at) on a final status.
    /// </summary>
    public Task<ExecutionRecord> TransitionAsync(
        Guid id, ExecutionStatus from, ExecutionStatus to, ExecutionChanges? changes = null, CancellationToken cancellationToken = default)
    {
        new Check().Enum("/from", from).Enum("/to", to).ThrowIfAny();
        if (!ExecutionTransitions.IsLegal(from, to))
        {
            throw new IllegalTransitionException(id, from, to);
        }

        return _sql.WriteAsync(db => ApplyAsync(db, id, from, to, changes ?? new ExecutionChanges()), cancellationToken);
    }

    /// <summary>
    /// A user's pause, resume or cancel: needs execute permission on the workflow; moves from
    /// whatever the status is now, if the table allows it (else <see cref="IllegalTransitionException"/>).
    /// </summary>
    public Task<ExecutionRecord> RequestTransitionAsync(
        Caller caller, Guid id, ExecutionStatus to, ExecutionChanges? changes = null, CancellationToken cancellationToken = default)
    {
        new Check().Enum("/to", to).ThrowIfAny();
        return _sql.WriteAsync(
            async db =>
            {
                var current = await ReadAsync(db, id, withNodes: false, forUpdate: true) ?? throw new NotFoundException("execution", id.ToString());
                var workflow = await WorkflowGate.FindAsync(db, caller, current.WorkflowId, Clock.Now(time))
                    ?? throw new NotFoundException("execution", id.ToString());
                WorkflowAccess.Demand(workflow.Id, workflow.Permission, ActionFor(to));
                if (!ExecutionTransitions.IsLegal(current.Status, to))
                {
                    throw new IllegalTransitionException(id, current.Status, to);
                }

                return await ApplyAsync(db, id, current.Status, to, changes ?? new ExecutionChanges());
            },
            cancellationToken);
    }

    private async Task<ExecutionRecord> ApplyAsync(Db db, Guid id, ExecutionStatus from, ExecutionStatus to, ExecutionChanges changes)
    {
        var now = Clock.Now(time);
        var current = await ReadAsync(db, id, withNodes: false, forUpdate: true) ?? throw new NotFoundException("execution", id.ToString());
        if (current.Status != from)
        {
            throw new ExecutionStatusConflictException(id, from, current.Status);
        }

        var final = ExecutionTransitions.IsFinal(to);
        var retry = ExecutionTransitions.IsFinal(from) && to == ExecutionStatus.Queued;
        long? duration = final ? Math.Max(0, (long)(now - (current.StartedAt ?? current.CreatedAt)).TotalMilliseconds) : null;
        var updated = await db.ExecuteAsync(
            $"""
            UPDATE workflow_executions
               SET status = @to, updated_at = @now,
                   started_at = {(to == ExecutionStatus.Running ? "coalesce(started_at, @now)" : "started_at")},
                   paused_at = {(to == ExecutionStatus.Paused ? "@now" : "paused_at")},
                   resumed_at = {(from == ExecutionStatus.Paused && to == ExecutionStatus.Queued ? "@now" : "resumed_at")},
                   pause_requested = @pauseRequested,
                   completed_at = {(final ? "@now" : retry ? "NULL" : "completed_at")},
                   duration_ms = {(final ? "@duration" : retry ? "NULL" : "duration_ms")},
                   error = {(changes.Error is not null ? "@error" : retry ? "NULL" : "error")},
                   output = {(changes.Output is not null ? "@output" : "output")},
                   checkpoint = {(changes.Checkpoint is not null ? "@checkpoint" : "checkpoint")},
                   wake_at = {(changes.WakeAt is not null ? "@wakeAt" : to == ExecutionStatus.Waiting ? "wake_at" : "NULL")}
             WHERE id = @id AND status = @from
            """,
            ("to", SqlText.Of(to)), ("from", SqlText.Of(from)), ("id", id), ("now", now), ("duration", duration),
            ("pauseRequested", to == ExecutionStatus.Pausing),
            ("error", changes.Error is null ? null : new JsonText(changes.Error.ToJsonString())),
            ("output", changes.Output is null ? null : new JsonText(changes.Output.ToJsonString())),
            ("checkpoint", changes.Checkpoint is null ? null : new JsonText(changes.Checkpoint.ToJsonString())),
            ("wakeAt", changes.WakeAt));
        if (updated == 0)
        {
            var actual = (await ReadAsync(db, id, withNodes: false))?.Status ?? throw new NotFoundException("execution", id.ToString());
            throw new ExecutionStatusConflictException(id, from, actual);
        }

        if (to == ExecutionStatus.Queued && changes.Enqueue)
        {
            await ExecutionJobs.InsertAsync(db, id, 0, now, now);
        }

        return (await ReadAsync(db, id, withNodes: false))!;
    }

    /// <summary>The user action a requested transition is (for the permission table).</summary>
    private static WorkflowAction ActionFor(ExecutionStatus to) => to switch
    {
        ExecutionStatus.Pausing or ExecutionStatus.Paused => WorkflowAction.PauseExecution,
        ExecutionStatus.Cancelled => WorkflowAction.Cancel,
        ExecutionStatus.Queued => WorkflowAction.ResumeExecution,
        _ => WorkflowAction.Execute,
    };
}
