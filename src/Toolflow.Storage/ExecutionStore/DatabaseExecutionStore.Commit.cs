using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using ExecutionProgress = Toolflow.Core.Execution.ExecutionProgress;

namespace Toolflow.Storage.ExecutionStore;

public sealed partial class DatabaseExecutionStore
{
    /// <summary>
    /// One engine step in one transaction: lock the row, check the lease and the expected status,
    /// then the row (status, progress, timing, checkpoint), the node or item row, and the events
    /// numbered after the last stored one — gap-free because the row lock serialises commits.
    /// </summary>
    public ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, CancellationToken cancellationToken) =>
        CommitAsync(commit, enqueue: false, cancellationToken);

    /// <summary>The commit, and with <paramref name="enqueue"/> the execution's job in the same transaction.</summary>
    internal async ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, bool enqueue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var id = Guid.Parse(commit.ExecutionId);
        Guid? lease = _leases.TryGetValue(commit.ExecutionId, out var token) ? token : null;
        var now = time.GetUtcNow();
        var started = 0;
        var events = await _sql.WriteAsync(async db =>
        {
            var row = await LockAsync(db, id) ?? throw new KeyNotFoundException($"execution {commit.ExecutionId} does not exist");
            if (lease is not null && row.LeaseToken != lease)
            {
                throw new ExecutionLeaseLostException(commit.ExecutionId);
            }

            Check(commit, row.Status);
            var checkpoint = row.Checkpoint;
            var checkpointChanged = commit.ClearControl || commit.ConsumedSignals.Count > 0 || commit.RemainingWaits is not null;
            if (commit.ClearControl)
            {
                checkpoint = checkpoint with { Control = ControlRequest.None };
            }

            foreach (var consumed in commit.ConsumedSignals)
            {
                checkpoint.Signals.Remove(consumed);
            }

            if (commit.RemainingWaits is { } waits)
            {
                checkpoint = checkpoint with { RemainingWaits = new(waits, StringComparer.Ordinal) };
            }

            await WriteRowAsync(db, id, commit, row, checkpointChanged ? checkpoint : null, now);
            if (commit.Status is { } ended && ended != row.Status)
            {
                // Workflow triggers start their targets in the transaction that ends the source.
                started = await Triggers.WorkflowTriggers.StartTargetsAsync(db, id, ended, now);
            }

            foreach (var node in commit.Nodes)
            {
                await NodeRows.WriteNodeAsync(db, id, node, now);
            }

            if (commit.Item is var (nodeId, item))
            {
                await NodeRows.WriteItemAsync(db, id, nodeId, item, now);
            }

            if (enqueue)
            {
                await ExecutionJobs.InsertAsync(db, id, 0, now, now);
            }

            return await EventRows.AppendAsync(db, id, commit, now);
        }, cancellationToken);
        if (started > 0 || enqueue)
        {
            Queue.LocalJobSignal.Raise();
        }

        return events;
    }

    private static void Check(ExecutionCommit commit, ExecutionStatus current)
    {
        if (commit.ExpectedStatus is { } expected && expected != current)
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, current, $"expected {expected.ToString().ToLowerInvariant()}");
        }

        if (commit.Status is { } next && !ExecutionStatusRules.CanTransition(current, next))
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, current, $"cannot become {next.ToString().ToLowerInvariant()}");
        }
    }

    private static Task<int> WriteRowAsync(Db db, Guid id, ExecutionCommit commit, LockedRow row, Checkpoint? checkpoint, DateTimeOffset now)
    {
        var sets = new List<string> { "updated_at = @now" };
        var final = commit.Status is { } s && ExecutionStatusRules.IsFinal(s);
        var completedAt = final ? commit.CompletedAt ?? now : commit.CompletedAt;
        var startedAt = commit.StartedAt ?? row.StartedAt;
        void Set(bool when, string sql)
        {
            if (when)
            {
                sets.Add(sql);
            }
        }

        Set(commit.Status is not null, "status = @status, pause_requested = @pausing");
        Set(commit.Progress is not null, "total_steps = @total, steps_completed = @completed, steps_failed = @failed, steps_skipped = @skipped, current_nodes = @current");
        Set(commit.Output is not null, "output = @output");
        Set(commit.Error is not null, "error = @error");
        Set(commit.StartedAt is not null, "started_at = @startedAt");
        Set(completedAt is not null, "completed_at = @completedAt, duration_ms = @duration");
        Set(checkpoint is not null, "checkpoint = @checkpoint");
        Set(commit.Status is { } st && st != ExecutionStatus.Waiting, "wake_at = NULL");
        var progress = commit.Progress ?? new ExecutionProgress();
        long? duration = completedAt is { } done ? Math.Max(0, (long)(done - (startedAt ?? row.CreatedAt)).TotalMilliseconds) : null;
        return db.ExecuteAsync(
            $"UPDATE workflow_executions SET {string.Join(", ", sets)} WHERE id = @id",
            ("now", now), ("id", id), ("status", commit.Status is { } status ? SqlText.Of(status) : null),
            ("pausing", commit.Status == ExecutionStatus.Pausing),
            ("total", progress.TotalSteps), ("completed", progress.StepsCompleted), ("failed", progress.StepsFailed), ("skipped", progress.StepsSkipped),
            ("current", new JsonText(new JsonArray([.. progress.CurrentNodes.Select(n => (JsonNode?)JsonValue.Create(n))]).ToJsonString())),
            ("output", commit.Output is null ? null : new JsonText(commit.Output.ToJsonString())),
            ("error", commit.Error is null ? null : new JsonText(commit.Error.ToJson().ToJsonString())),
            ("startedAt", commit.StartedAt), ("completedAt", completedAt), ("duration", duration),
            ("checkpoint", checkpoint is null ? null : new JsonText(checkpoint.Write().ToJsonString())));
    }
}
