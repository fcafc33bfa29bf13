using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.ExecutionStore;

public sealed partial class DatabaseExecutionStore
{
    /// <summary>
    /// One engine step, atomically: the row (status, progress, timing, checkpoint), the node and item
    /// rows, and the events numbered after the last stored one — fenced by the lease this process
    /// holds and by the statuses the commit may leave (<see cref="CommitStatement"/>). On PostgreSQL the
    /// common commit, and the end of a run with no parent and no trigger target, is one statement in its
    /// own implicit transaction: one round trip. A commit that reads the checkpoint (consumed signals,
    /// remaining waits), enqueues, or ends a run whose transaction must do more (workflow triggers start
    /// targets, a child signals its parent) runs in an explicit transaction; after it, an ended run's live sub-workflow children are cancelled (<see cref="ChildCancel"/>).
    /// A commit whose fence fails is diagnosed under the row lock and throws what it always threw.
    /// </summary>
    public ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return CommitAsync(commit, _leases.TryGetValue(commit.ExecutionId, out var token) ? token : null, enqueue: false, cancellationToken);
    }

    /// <summary>
    /// A user's control action (<see cref="ExecutionControl"/>): a compare-and-set on the status it expects,
    /// never fenced by a lease a worker of this process holds — that worker may be handing the execution
    /// back this very moment (its lease already cleared in the row, not yet dropped here), and a resume of
    /// what it just paused must not fail on that. With <paramref name="enqueue"/> the execution's job is
    /// inserted in the same transaction.
    /// </summary>
    internal ValueTask<IReadOnlyList<ExecutionEvent>> CommitControlAsync(ExecutionCommit commit, bool enqueue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return CommitAsync(commit, lease: null, enqueue, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, Guid? lease, bool enqueue, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(commit.ExecutionId);
        var now = time.GetUtcNow();
        var statement = new CommitStatement(commit, id, lease, now);
        var readsCheckpoint = commit.ConsumedSignals.Count > 0 || commit.RemainingWaits is not null;
        var startsTargets = statement.StartsTargets;
        var ends = statement.Ends;
        CommitWritten? written = null;
        var lockFirst = readsCheckpoint || !statement.CanMatch;
        if (_sql.IsPostgres && !lockFirst && !enqueue)
        {
            // No BEGIN/COMMIT: one statement is its own (implicit) transaction, all or nothing. A run's
            // end goes this way too when nothing else belongs in its transaction (no parent to signal, no
            // trigger target): the outcome counter's update of the workflow row, which every run of that
            // workflow takes in turn, is then held for one statement instead of two round trips.
            written = ends
                ? await _sql.ReadAsync(db => statement.RunAsync(db, null, alone: true), cancellationToken)
                : await _batcher.RunAsync(statement, cancellationToken);
            lockFirst = written is null;
        }

        var queued = 0;
        if (written is null)
        {
            (written, queued) = await _sql.WriteAsync(async db =>
            {
                var done = await WriteLockedAsync(db, commit, statement, lease, lockFirst);
                // What this transaction queues besides the commit (this process's workers are woken for it).
                var alsoQueued = 0;
                if (startsTargets && done.TriggerTargets is not 0)
                {
                    // The fence let the status change, and no final status goes to itself: the run ends here.
                    alsoQueued = await Triggers.WorkflowTriggers.StartTargetsAsync(db, id, commit.Status!.Value, now);
                }

                if (ends && done.HasParent && await ParentWake.SignalAsync(db, id, commit.Status!.Value, now))
                {
                    alsoQueued++;
                }

                if (enqueue)
                {
                    await ExecutionJobs.InsertAsync(db, id, 0, now, now);
                }

                return (done, alsoQueued);
            }, cancellationToken);
        }

        if (ends && written.LiveChildren > 0)
        {
            // The run has ended here whatever this does: TryRequestAsync never throws into the engine.
            queued += await ChildCancel.TryRequestAsync(_sql, id, time);
        }

        if (queued > 0 || enqueue)
        {
            Queue.LocalJobSignal.Raise();
        }

        if (ends && lease is { } held)
        {
            // The commit completed the job and cleared the lease (CommitStatement): the run is over here.
            _handedBack[commit.ExecutionId] = held;
        }

        return EventRows.Numbered(commit, written.WorkflowId, written.LastSequence);
    }

    /// <summary>
    /// The statement inside a transaction. With <paramref name="lockFirst"/> (or when the statement
    /// matched nothing) the row is locked and checked first, so a failed fence throws exactly as
    /// before: gone → <see cref="KeyNotFoundException"/>, another lease → <see cref="ExecutionLeaseLostException"/>,
    /// a status the commit may not leave → <see cref="ExecutionStateConflictException"/>.
    /// </summary>
    private static async Task<CommitWritten> WriteLockedAsync(Db db, ExecutionCommit commit, CommitStatement statement, Guid? lease, bool lockFirst)
    {
        if (!lockFirst && await statement.RunAsync(db, null) is { } written)
        {
            return written;
        }

        var row = await LockAsync(db, Guid.Parse(commit.ExecutionId)) ?? throw new KeyNotFoundException($"execution {commit.ExecutionId} does not exist");
        if (lease is not null && row.LeaseToken != lease)
        {
            throw new ExecutionLeaseLostException(commit.ExecutionId);
        }

        Check(commit, row.Status, row.Checkpoint.Control);
        return await statement.RunAsync(db, NextCheckpoint(commit, row.Checkpoint))
            ?? throw new InvalidOperationException($"execution {commit.ExecutionId}: the commit matched no row although the locked row allows it");
    }

    /// <summary>The checkpoint after the commit, when it changes more than the control request (which SQL clears in place).</summary>
    private static Checkpoint? NextCheckpoint(ExecutionCommit commit, Checkpoint checkpoint)
    {
        if (commit.ConsumedSignals.Count == 0 && commit.RemainingWaits is null)
        {
            return null;
        }

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

        return checkpoint;
    }

    private static void Check(ExecutionCommit commit, ExecutionStatus current, ControlRequest control)
    {
        if (commit.ExpectedStatus is { } expected && expected != current)
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, current, $"expected {expected.ToString().ToLowerInvariant()}");
        }

        if (commit.Status is { } next && !ExecutionStatusRules.CanTransition(current, next))
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, current, $"cannot become {next.ToString().ToLowerInvariant()}");
        }

        if (commit.ExpectedControl is { } expectedControl && expectedControl != control)
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, current, $"the {expectedControl.ToString().ToLowerInvariant()} request was withdrawn");
        }
    }
}
