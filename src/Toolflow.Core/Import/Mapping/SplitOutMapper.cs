using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>
/// Split Out / Item Lists "split out items" → a data.set holding the array as <c>items</c>; the nodes
/// right after it get <c>forEach</c> over it (see N8nImporter) and read each element as <c>item</c>.
/// </summary>
internal sealed class SplitOutMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.splitOut", "n8n-nodes-base.itemLists"];

    public NodeMapping Map(MappingContext context)
    {
        var operation = context.Text("operation") ?? "splitOutItems";
        if (operation != "splitOutItems")
        {
            return context.Unsupported($"Item Lists operation '{operation}' has no equivalent");
        }

        var field = context.Text("fieldToSplitOut");
        if (string.IsNullOrWhiteSpace(field) || field.Contains(',', StringComparison.Ordinal) || field.StartsWith('='))
        {
            return context.Unsupported($"the field to split out ('{field}') is not one plain field");
        }

        var path = Expressions.MemberChain.Join(field.Split('.'));
        return NodeMapping.To("data.set", new JsonObject
        {
            ["values"] = new JsonObject { ["items"] = $"{{{{ {context.CurrentItem()}{path} }}}}" },
        });
    }
}
