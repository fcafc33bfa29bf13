using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution;

/// <summary>
/// The committed state of one node. A node in a final status is never run again; a forEach node
/// still running keeps its finished <see cref="Items"/> so that a resumed run skips them.
/// </summary>
public sealed record NodeResult
{
    public required string NodeId { get; init; }
    public NodeStatus Status { get; init; } = NodeStatus.Pending;
    public JsonNode? Output { get; init; }

    /// <summary>The branch taken: a condition/switch branch, or <c>error</c> under onError = branch.</summary>
    public string? Branch { get; init; }
    public ToolFailure? Error { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>True for a node that failed under onError continue/branch: the graph goes on from it.</summary>
    public bool Handled { get; init; }

    public IReadOnlyDictionary<int, ItemResult> Items { get; init; } = new Dictionary<int, ItemResult>();

    /// <summary>Set while the node waits (delay, approval).</summary>
    public WaitState? Waiting { get; init; }

    /// <summary>The node is done: its dependents may look at it.</summary>
    public bool IsFinal => Status is NodeStatus.Completed or NodeStatus.Failed or NodeStatus.Skipped or NodeStatus.Cancelled;
}

/// <summary>One finished forEach item.</summary>
public sealed record ItemResult(int Index, JsonNode? Output, int Attempts);
