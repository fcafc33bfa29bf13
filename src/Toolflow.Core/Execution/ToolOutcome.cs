using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>How one tool call ended: completed, failed (typed) or waiting.</summary>
public abstract record ToolOutcome
{
    /// <summary>What the call consumed; merged into the execution's resource usage.</summary>
    public ResourceUsage? Usage { get; init; }

    public static CompletedOutcome Completed(JsonNode? output, string? branch = null) => new(output, branch);

    public static FailedOutcome Failed(ToolFailure failure) => new(failure);

    public static FailedOutcome Failed(string code, string message, bool retryable = false) => new(new ToolFailure(code, message, retryable));

    public static WaitingOutcome Waiting(WaitState wait) => new(wait);
}

/// <summary>The tool produced its output; <see cref="Branch"/> names the branch taken (flow.condition, flow.switch).</summary>
public sealed record CompletedOutcome(JsonNode? Output, string? Branch) : ToolOutcome;

public sealed record FailedOutcome(ToolFailure Failure) : ToolOutcome;

/// <summary>The node must wait (flow.delay, flow.approval); the engine hands control back to its caller.</summary>
public sealed record WaitingOutcome(WaitState Wait) : ToolOutcome;

/// <summary>
/// A durable wait: until <see cref="WakeAt"/>, or until a signal arrives (failing at
/// <see cref="TimeoutAt"/>). <see cref="State"/> is the tool's own data, handed back on resume.
/// </summary>
public sealed record WaitState
{
    public DateTimeOffset? WakeAt { get; init; }
    public bool AwaitsSignal { get; init; }
    public DateTimeOffset? TimeoutAt { get; init; }
    public DateTimeOffset Since { get; init; }
    public string? Message { get; init; }
    public JsonNode? State { get; init; }

    /// <summary>When the engine must look at this node again without a signal: the wake-up or the timeout.</summary>
    public DateTimeOffset? DueAt => WakeAt ?? TimeoutAt;
}
