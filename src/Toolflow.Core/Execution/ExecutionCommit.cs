using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution;

/// <summary>
/// One step, written atomically: node results (or a forEach item), the new progress, the new
/// status, and the events that describe it. A durable store writes it in one transaction and
/// only while it holds the execution's lease.
/// </summary>
public sealed record ExecutionCommit
{
    public required string ExecutionId { get; init; }

    /// <summary>When set, the commit applies only if the execution is in this status (compare-and-set).</summary>
    public ExecutionStatus? ExpectedStatus { get; init; }

    /// <summary>
    /// When set, the commit applies only while this control request still stands: the engine acts on a
    /// pause only if nobody withdrew it (a resume) since it heard of it.
    /// </summary>
    public ControlRequest? ExpectedControl { get; init; }

    /// <summary>The new status; the transition must be legal (see <see cref="ExecutionStatusRules"/>).</summary>
    public ExecutionStatus? Status { get; init; }

    /// <summary>Replaces these nodes' committed results (one step may finish one node and start the next).</summary>
    public IReadOnlyList<NodeResult> Nodes { get; init; } = [];

    /// <summary>Adds one finished forEach item to a node's result.</summary>
    public (string NodeId, ItemResult Item)? Item { get; init; }

    public IReadOnlyList<PendingEvent> Events { get; init; } = [];
    public ExecutionProgress? Progress { get; init; }
    public ResourceUsage? Usage { get; init; }
    public JsonNode? Output { get; init; }
    public ExecutionError? Error { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The control request (pause/cancel) this step acted on, which is cleared.</summary>
    public bool ClearControl { get; init; }

    /// <summary>The nodes whose delivered signals this step consumed.</summary>
    public IReadOnlyList<string> ConsumedSignals { get; init; } = [];

    /// <summary>Replaces the remaining waits kept across a pause (null leaves them).</summary>
    public IReadOnlyDictionary<string, TimeSpan>? RemainingWaits { get; init; }
}
