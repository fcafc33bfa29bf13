using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution;

/// <summary>
/// Resume of an execution that is not paused yet: the user clicked Pause, then Resume before the running
/// nodes finished, and expects the pause undone (SPEC §2 allows <c>pausing → running</c>). One rule for
/// every process that resumes (the engine's own resume and the database's <c>ExecutionControl</c>).
/// </summary>
public static class PauseWithdrawal
{
    /// <summary>
    /// The commit that withdraws the pause, or null when there is none to withdraw: <c>pausing</c> goes back
    /// to <c>running</c> (with <paramref name="runningEvent"/>), fenced on <c>pausing</c> so a run that finished
    /// pausing first wins; a request not acted on yet is cleared, fenced on the request still standing.
    /// </summary>
    public static ExecutionCommit? For(string executionId, ExecutionStatus status, ControlRequest requested, PendingEvent runningEvent)
    {
        if (status == ExecutionStatus.Pausing)
        {
            return new ExecutionCommit
            {
                ExecutionId = executionId,
                ExpectedStatus = ExecutionStatus.Pausing,
                Status = ExecutionStatus.Running,
                ClearControl = true,
                Events = [runningEvent],
            };
        }

        if (requested == ControlRequest.Pause && status is ExecutionStatus.Queued or ExecutionStatus.Running or ExecutionStatus.Waiting)
        {
            return new ExecutionCommit { ExecutionId = executionId, ExpectedStatus = status, ExpectedControl = ControlRequest.Pause, ClearControl = true };
        }

        return null;
    }

    /// <summary>The 409's reason for a resume with nothing to resume; it says what the caller can do.</summary>
    public static string NothingToResume(ExecutionStatus status) => ExecutionStatusRules.IsFinal(status)
        ? "the execution has ended; nothing can resume it (a failed one can be retried: POST …/retry)"
        : "only a paused or pausing execution can resume, and no pause was asked for (pause it first: POST …/pause)";
}
