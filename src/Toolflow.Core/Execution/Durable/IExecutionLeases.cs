using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution.Durable;

/// <summary>
/// The durable queue as the worker loop sees it: claim execution jobs under a lease, renew it,
/// and hand the execution back when the engine stops. Implemented on the database in Storage.
/// </summary>
public interface IExecutionLeases
{
    /// <summary>Claims up to <paramref name="max"/> due jobs and sets the lease on their executions.</summary>
    Task<IReadOnlyList<ExecutionLease>> ClaimAsync(string worker, int max, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends the job and execution lease; reports a lost lease or a pending pause/cancel.</summary>
    Task<LeaseCheck> RenewAsync(ExecutionLease lease, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// The engine stopped: clears the lease, records <paramref name="wakeAt"/> for a waiting
    /// execution and completes the job — re-enqueuing at once when a resume or signal arrived meanwhile.
    /// </summary>
    Task FinishAsync(ExecutionLease lease, ExecutionStatus status, DateTimeOffset? wakeAt, CancellationToken cancellationToken);

    /// <summary>The run crashed: the job goes back to the queue after <paramref name="retryDelay"/>, or dead-letters.</summary>
    Task FailAsync(ExecutionLease lease, string error, TimeSpan retryDelay, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the job back without counting the attempt, due again after <paramref name="delay"/>:
    /// at graceful shutdown (zero), or when this process still runs an older, fenced-off run of it.
    /// </summary>
    Task ReleaseAsync(ExecutionLease lease, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Returns when work may be available (a notification) or after <paramref name="timeout"/>.</summary>
    Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>A store whose commits are fenced by the lease this process holds on an execution.</summary>
public interface ILeaseFencedStore
{
    /// <summary>Fences this process's commits of the execution with <paramref name="token"/>; false if a run of it is already held here.</summary>
    bool TryHold(string executionId, Guid token);

    /// <summary>Stops fencing under <paramref name="token"/> (a newer hold of the same execution is left alone).</summary>
    void Drop(string executionId, Guid token);

    /// <summary>
    /// True when the run held under <paramref name="token"/> ended, and its final commit also gave
    /// the job and the lease back: nothing is left for the worker to finish, and a heartbeat that
    /// finds the lease gone has not lost it.
    /// </summary>
    bool HandedBack(string executionId, Guid token);
}

/// <summary>One bounded pass of housekeeping; safe to run in several processes at once.</summary>
public interface IExecutionSweeper
{
    /// <summary>Returns how many rows it touched (so the caller can loop while a batch was full).</summary>
    Task<int> SweepAsync(int batchSize, CancellationToken cancellationToken);
}
