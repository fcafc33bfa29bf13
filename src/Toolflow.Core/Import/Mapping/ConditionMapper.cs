using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>IF → flow.condition (outputs 0/1 → branches true/false); Filter → the same, its kept items on <c>true</c>.</summary>
internal sealed class ConditionMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.if", "n8n-nodes-base.filter"];

    public NodeMapping Map(MappingContext context)
    {
        var expression = ConditionTranslator.Translate(context, context.Parameters["conditions"], context.Text("combineOperation"));
        if (expression is null)
        {
            return context.Unsupported("its conditions cannot be translated");
        }

        if (context.Node.Type == "n8n-nodes-base.filter")
        {
            context.Warnings.Add("a Filter drops non-matching items; here the nodes after it run only when the condition holds (branch true)");
        }

        return NodeMapping.To("flow.condition", new JsonObject { ["expression"] = $"{{{{ {expression} }}}}" }) with
        {
            Branches = ["true", "false"],
        };
    }
}
