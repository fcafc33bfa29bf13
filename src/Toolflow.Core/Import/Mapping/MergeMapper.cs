namespace Toolflow.Core.Import.Mapping;

/// <summary>Merge (every mode) → flow.merge, whose output is keyed by parent id rather than combined items.</summary>
internal sealed class MergeMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.merge"];

    public NodeMapping Map(MappingContext context)
    {
        var mode = context.Text("mode") ?? "append";
        context.Warnings.Add($"merge mode '{mode}': flow.merge outputs {{ <parent id>: <its output> }}; references to the merged item are rewritten from the inputs where n8n's result is one item");
        return NodeMapping.To("flow.merge", []);
    }
}
