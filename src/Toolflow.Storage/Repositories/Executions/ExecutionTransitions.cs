using System.Collections.Frozen;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Executions;

/// <summary>
/// The legal status changes of a workflow execution (SPEC §2 "Execution semantics"). Anything
/// else is an <see cref="IllegalTransitionException"/>. Core has no state machine yet; when it
/// gets one, this table should move there and Storage should use it.
/// </summary>
public static class ExecutionTransitions
{
    private static readonly FrozenDictionary<ExecutionStatus, ExecutionStatus[]> Next = new Dictionary<ExecutionStatus, ExecutionStatus[]>
    {
        // failed: a worker could not even start it (definition gone, input rejected).
        [ExecutionStatus.Queued] = [ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Cancelled, ExecutionStatus.Failed],
        // queued: the sweeper hands an execution whose lease expired to another worker.
        [ExecutionStatus.Running] =
        [
            ExecutionStatus.Pausing, ExecutionStatus.Paused, ExecutionStatus.Waiting, ExecutionStatus.Completed,
            ExecutionStatus.Failed, ExecutionStatus.Cancelled, ExecutionStatus.Queued,
        ],
        // running: a resume before the running nodes finished withdraws the pause (PauseWithdrawal).
        [ExecutionStatus.Pausing] = [ExecutionStatus.Paused, ExecutionStatus.Running, ExecutionStatus.Failed, ExecutionStatus.Cancelled, ExecutionStatus.Completed],
        [ExecutionStatus.Paused] = [ExecutionStatus.Queued, ExecutionStatus.Cancelled],
        [ExecutionStatus.Waiting] =
            [ExecutionStatus.Queued, ExecutionStatus.Running, ExecutionStatus.Paused, ExecutionStatus.Cancelled, ExecutionStatus.Failed],
        // Retry (POST /executions/{id}/retry) re-queues a failed execution from its failed nodes.
        [ExecutionStatus.Failed] = [ExecutionStatus.Queued],
        [ExecutionStatus.Completed] = [],
        [ExecutionStatus.Cancelled] = [],
    }.ToFrozenDictionary();

    public static bool IsLegal(ExecutionStatus from, ExecutionStatus to) =>
        Next.TryGetValue(from, out var targets) && Array.IndexOf(targets, to) >= 0;

    public static bool IsFinal(ExecutionStatus status) =>
        status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled;

    public static IReadOnlyList<ExecutionStatus> From(ExecutionStatus status) =>
        Next.TryGetValue(status, out var targets) ? targets : [];
}
