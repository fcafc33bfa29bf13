using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution;

/// <summary>The execution state machine of SPEC §2; an illegal transition is an error, not a silent write.</summary>
public static class ExecutionStatusRules
{
    public static bool IsFinal(ExecutionStatus status) =>
        status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled;

    public static bool CanTransition(ExecutionStatus from, ExecutionStatus to)
    {
        if (from == to)
        {
            return !IsFinal(from);
        }

        return from switch
        {
            ExecutionStatus.Queued => to is ExecutionStatus.Running or ExecutionStatus.Paused or ExecutionStatus.Cancelled or ExecutionStatus.Failed,
            ExecutionStatus.Running => to is not ExecutionStatus.Queued,
            ExecutionStatus.Pausing => to is ExecutionStatus.Paused or ExecutionStatus.Running or ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.Waiting,
            ExecutionStatus.Paused => to is ExecutionStatus.Queued or ExecutionStatus.Running or ExecutionStatus.Cancelled,
            ExecutionStatus.Waiting => to is ExecutionStatus.Running or ExecutionStatus.Queued or ExecutionStatus.Paused or ExecutionStatus.Cancelled or ExecutionStatus.Failed,
            _ => false,
        };
    }
}

/// <summary>A commit that met a different status than it expected, or asked for an illegal transition.</summary>
public sealed class ExecutionStateConflictException : Exception
{
    public ExecutionStateConflictException(string executionId, ExecutionStatus actual, string reason)
        : base($"execution {executionId} is {actual.ToString().ToLowerInvariant()}: {reason}")
    {
        ExecutionId = executionId;
        Actual = actual;
    }

    public ExecutionStateConflictException()
    {
        ExecutionId = string.Empty;
    }

    public ExecutionStateConflictException(string message)
        : base(message)
    {
        ExecutionId = string.Empty;
    }

    public ExecutionStateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExecutionId = string.Empty;
    }

    public string ExecutionId { get; }

    public ExecutionStatus Actual { get; }
}
