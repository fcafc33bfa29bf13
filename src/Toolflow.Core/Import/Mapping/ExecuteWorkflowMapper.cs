using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>Execute Workflow → flow.subworkflow with the received item as input; the id is an n8n id to replace.</summary>
internal sealed class ExecuteWorkflowMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.executeWorkflow"];

    public NodeMapping Map(MappingContext context)
    {
        if (context.Text("source") is { } source && source != "database")
        {
            return context.Unsupported($"the sub-workflow comes from '{source}', not from a stored workflow");
        }

        var id = MappingContext.Locator(context.Parameters["workflowId"]);
        if (string.IsNullOrWhiteSpace(id))
        {
            return context.Unsupported("it names no workflow");
        }

        context.Warnings.Add($"workflowId '{id}' is the n8n workflow id: import that workflow too and put its Toolflow id here");
        if (context.Text("mode") == "each")
        {
            context.Warnings.Add("n8n ran the sub-workflow once per item; here it runs once");
        }

        return NodeMapping.To("flow.subworkflow", new JsonObject
        {
            ["workflowId"] = context.Template(id),
            ["input"] = $"{{{{ {context.CurrentItem()} }}}}",
        });
    }
}
