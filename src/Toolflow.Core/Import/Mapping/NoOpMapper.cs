using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>NoOp → data.set with no values: a node that does nothing, kept so the graph keeps its shape.</summary>
internal sealed class NoOpMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.noOp"];

    public NodeMapping Map(MappingContext context) =>
        NodeMapping.To("data.set", new JsonObject { ["values"] = new JsonObject() });
}
