using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.ExecutionStore;

public sealed partial class ExecutionControl
{
    /// <summary>
    /// Resume: a paused execution is queued again, with what remained of its delays (as the engine's own
    /// resume); a pausing one has its pause withdrawn and is running again (<see cref="PauseWithdrawal"/>),
    /// whichever process runs it — that run finds out when it would have paused (its fenced commit fails)
    /// or earlier, at a heartbeat or, here, through the host's engine.
    /// </summary>
    public async Task ResumeAsync(Caller caller, Guid executionId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (status, control) = await AuthorizeWithControlAsync(caller, executionId, cancellationToken);
            try
            {
                await ResumeFromAsync(executionId, status, control, cancellationToken);
                return;
            }
            catch (ExecutionStateConflictException) when (attempt < 3)
            {
                // The run moved between the read and the write (it finished pausing, say): look again.
            }
        }
    }

    private async Task ResumeFromAsync(Guid executionId, ExecutionStatus status, ControlRequest control, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (PauseWithdrawal.For(Id(executionId), status, control, StatusEvent(now, ExecutionStatus.Running)) is { } withdrawal)
        {
            await PublishAsync(await store.CommitControlAsync(withdrawal, enqueue: false, cancellationToken), cancellationToken);
            if (settle is not null)
            {
                await settle(Id(executionId), ControlRequest.None, cancellationToken);
            }

            return;
        }

        if (status != ExecutionStatus.Paused)
        {
            throw new ExecutionStateConflictException(Id(executionId), status, PauseWithdrawal.NothingToResume(status));
        }

        var snapshot = await store.LoadAsync(Id(executionId), cancellationToken) ?? throw new NotFoundException("execution", executionId.ToString());
        foreach (var (nodeId, remaining) in snapshot.RemainingWaits)
        {
            if (snapshot.Nodes.GetValueOrDefault(nodeId) is { Waiting: { } wait } node)
            {
                var shifted = wait with { WakeAt = wait.WakeAt is null ? null : now + remaining, TimeoutAt = wait.TimeoutAt is null ? null : now + remaining };
                await store.CommitControlAsync(new ExecutionCommit { ExecutionId = Id(executionId), Nodes = [node with { Waiting = shifted }] }, enqueue: false, cancellationToken);
            }
        }

        await PublishAsync(await store.CommitControlAsync(new ExecutionCommit
        {
            ExecutionId = Id(executionId),
            ExpectedStatus = ExecutionStatus.Paused,
            Status = ExecutionStatus.Queued,
            RemainingWaits = new Dictionary<string, TimeSpan>(),
            ClearControl = true,
            Events = [StatusEvent(now, ExecutionStatus.Queued)],
        }, enqueue: true, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Retry a failed execution from its failed nodes: their rows (and cancelled ones) are dropped,
    /// completed results kept, the execution queued again and enqueued — one transaction.
    /// </summary>
    public async Task RetryAsync(Caller caller, Guid executionId, CancellationToken cancellationToken = default)
    {
        var status = await AuthorizeAsync(caller, executionId, cancellationToken);
        if (status != ExecutionStatus.Failed)
        {
            throw new ExecutionStateConflictException(Id(executionId), status, "only a failed execution can be retried");
        }

        var now = time.GetUtcNow();
        await _sql.WriteAsync(async db =>
        {
            var moved = await db.ExecuteAsync(
                """
                UPDATE workflow_executions SET status = 'queued', error = NULL, output = NULL, completed_at = NULL, duration_ms = NULL,
                       steps_failed = 0, checkpoint = NULL, updated_at = @now
                 WHERE id = @id AND status = 'failed'
                """, ("now", now), ("id", executionId));
            if (moved == 0)
            {
                throw new ExecutionStateConflictException(Id(executionId), status, "the execution changed meanwhile");
            }

            await db.ExecuteAsync(
                "DELETE FROM executions WHERE workflow_execution_id = @id AND item_index IS NULL AND status IN ('failed', 'cancelled', 'running', 'pending')",
                ("id", executionId));
            await ExecutionJobs.InsertAsync(db, executionId, 0, now, now);
            return moved;
        }, cancellationToken);
    }

    private static PendingEvent StatusEvent(DateTimeOffset at, ExecutionStatus status) =>
        new(ExecutionEventTypes.Status, at, new JsonEventData(new JsonObject { ["status"] = SqlText.Of(status) }));
}
