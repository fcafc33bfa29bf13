namespace Toolflow.Core.Execution.Durable;

/// <summary>
/// A claimed <c>execution</c> job: the job, the execution it runs, and the fencing token that both
/// the job and the execution row carry while this worker holds them.
/// </summary>
public sealed record ExecutionLease(Guid JobId, string ExecutionId, Guid Token, int Attempt, int MaxAttempts)
{
    /// <summary>When the job could first run, if the queue knows: how long it waited is a health signal.</summary>
    public DateTimeOffset? ReadyAt { get; init; }
}

/// <summary>What a heartbeat found: the lease is gone, or held (with any control request to act on).</summary>
public enum LeaseCheck
{
    Lost,
    Held,
    PauseRequested,
    CancelRequested,
}

/// <summary>
/// Thrown by a durable store when a commit's lease token no longer matches the execution's: another
/// worker owns it now, so this one must drop the execution without writing anything.
/// </summary>
public sealed class ExecutionLeaseLostException(string executionId)
    : Exception($"execution {executionId} is no longer held under this lease")
{
    public string ExecutionId { get; } = executionId;
}
