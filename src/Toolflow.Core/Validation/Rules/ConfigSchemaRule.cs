using System.Text.Json;
using Toolflow.Core.Tools;
using Toolflow.Core.Validation.Schemas;

namespace Toolflow.Core.Validation.Rules;

/// <summary>
/// A node's config matches its tool's JSON Schema; pointers go into the config
/// (<c>/nodes/0/config/method</c>). A string with a <c>{{ }}</c> expression stands in for any type.
/// Nodes using a tool instance are checked by the server, which knows the instance's own config.
/// </summary>
public static class ConfigSchemaRule
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    public static void Check(RawWorkflow workflow, IToolCatalog catalog, ToolSchemaCache schemas, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(schemas);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var node in workflow.Nodes)
        {
            if (node.Tool is null || catalog.Find(node.Tool) is not { } tool)
            {
                continue;
            }

            var hasConfig = node.Element.TryGetProperty("config", out var raw) && raw.ValueKind != JsonValueKind.Null;
            if (hasConfig && node.Config is null)
            {
                continue;
            }

            var config = node.Config ?? EmptyObject;
            SchemaEvaluator.Evaluate(schemas.ConfigSchemaOf(tool), config, node.Pointer + "/config", allowExpressions: true, problems);
        }
    }
}
