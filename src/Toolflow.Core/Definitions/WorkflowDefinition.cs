using System.Text.Json.Nodes;

namespace Toolflow.Core.Definitions;

/// <summary>A workflow as SPEC §2 writes it: the graph, its trigger and its input schema.</summary>
public sealed record WorkflowDefinition
{
    // The source-generated reader assigns every init property, so an omitted list would arrive
    // as null; the setters turn that back into an empty list.
    private readonly IReadOnlyList<string> tags = [];
    private readonly IReadOnlyList<NodeDefinition> nodes = [];
    private readonly IReadOnlyList<EdgeDefinition> edges = [];

    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get => tags; init => tags = value ?? []; }
    public TriggerDefinition? Trigger { get; init; }
    public JsonObject? InputSchema { get; init; }
    public IReadOnlyList<NodeDefinition> Nodes { get => nodes; init => nodes = value ?? []; }
    public IReadOnlyList<EdgeDefinition> Edges { get => edges; init => edges = value ?? []; }

    /// <summary>Optional expression whose value is the execution's output.</summary>
    public string? Output { get; init; }
}
