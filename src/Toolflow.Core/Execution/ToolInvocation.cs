using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;

namespace Toolflow.Core.Execution;

/// <summary>Everything one attempt of one node (or one forEach item) gets to see.</summary>
public sealed record ToolInvocation
{
    public required string ExecutionId { get; init; }
    public string? WorkflowId { get; init; }
    public required string NodeId { get; init; }

    /// <summary>The forEach item index, or null outside forEach.</summary>
    public int? ItemIndex { get; init; }

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The node's config with its expressions already evaluated (raw properties excepted).</summary>
    public required JsonObject Config { get; init; }

    /// <summary>The expression scope of this node: input, committed node outputs, item, index, execution.</summary>
    public required ExpressionScope Scope { get; init; }

    /// <summary>Parents whose edge into this node is active, in edge order (flow.merge reads them).</summary>
    public IReadOnlyList<string> ActiveParents { get; init; } = [];

    /// <summary>The credential name the node asks for; the secret is resolved by the tool's host, never put in scope.</summary>
    public string? Credential { get; init; }

    /// <summary><c>executionId:nodeId:itemIndex</c> for tools with side effects (itemIndex 0 outside forEach).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Set when the node waited before and the engine runs it again (time came, signal or timeout).</summary>
    public WaitState? Resumed { get; init; }

    /// <summary>The payload of the signal that arrived while waiting, if any.</summary>
    public JsonNode? Signal { get; init; }

    public bool SignalReceived { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
