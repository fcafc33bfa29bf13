using System.Text.Json.Nodes;

namespace Toolflow.Core.Definitions;

/// <summary>A workflow as SPEC §2 writes it: the graph, its trigger and its input schema.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public TriggerDefinition? Trigger { get; init; }
    public JsonObject? InputSchema { get; init; }
    public IReadOnlyList<NodeDefinition> Nodes { get; init; } = [];
    public IReadOnlyList<EdgeDefinition> Edges { get; init; } = [];

    /// <summary>Optional expression whose value is the execution's output.</summary>
    public string? Output { get; init; }
}
