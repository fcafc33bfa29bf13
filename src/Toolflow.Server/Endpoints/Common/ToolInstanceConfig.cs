using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Contracts;
using Toolflow.Core.Tools;
using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Schemas;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>
/// A tool instance's config checked against its tool's config schema, problems keyed under <c>/config</c>.
/// Only what the instance holds is checked: every <c>required</c> is dropped, since a node that uses the
/// instance lays its own config over it (<c>ConfigMerge.Over</c>) and may bring the rest (an llm.chat
/// instance holds the model; the node, the prompt).
/// </summary>
internal static class ToolInstanceConfig
{
    public static IReadOnlyList<ValidationProblem> Check(ToolDescriptor tool, JsonObject? config)
    {
        if (config is null)
        {
            return [];
        }

        var schema = (JsonObject)tool.ConfigSchema.DeepClone();
        DropRequired(schema);
        var problems = new ProblemList();
        SchemaEvaluator.Evaluate(CompiledSchema.Build(schema.ToJsonString()), JsonSerializer.SerializeToElement(config, ContractsJsonContext.Default.JsonObject), "/config", allowExpressions: true, problems);
        return problems.Items;
    }

    private static void DropRequired(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema["required"] is JsonArray)
                {
                    schema.Remove("required");
                }

                foreach (var (_, child) in schema.ToList())
                {
                    DropRequired(child);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    DropRequired(item);
                }

                break;
        }
    }
}
