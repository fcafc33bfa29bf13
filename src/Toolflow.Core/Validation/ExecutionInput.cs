using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Contracts;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation.Schemas;

namespace Toolflow.Core.Validation;

/// <summary>
/// An execution's input checked against the workflow's <c>inputSchema</c>, problems keyed under
/// <c>/input</c>: by the API before it creates an execution, by <c>toolflow run</c>, and by
/// <c>flow.subworkflow</c> before it starts a child.
/// </summary>
public static class ExecutionInput
{
    public static IReadOnlyList<ValidationProblem> Check(WorkflowDefinition definition, JsonObject input)
    {
        if (definition.InputSchema is not { } schema)
        {
            return [];
        }

        var problems = new ProblemList();
        var compiled = CompiledSchema.Build(schema.ToJsonString());
        SchemaEvaluator.Evaluate(compiled, JsonSerializer.SerializeToElement(input, ContractsJsonContext.Default.JsonObject), "/input", false, problems);
        return problems.Items;
    }

    /// <summary>Any JSON value (<c>toolflow run --input</c> may be given an array or a number).</summary>
    public static IReadOnlyList<ValidationProblem> Check(WorkflowDefinition definition, JsonNode? input)
    {
        if (input is JsonObject values)
        {
            return Check(definition, values);
        }

        if (definition.InputSchema is not { } schema)
        {
            return [];
        }

        var problems = new ProblemList();
        using var document = JsonDocument.Parse(input?.ToJsonString() ?? "null");
        SchemaEvaluator.Evaluate(CompiledSchema.Build(schema.ToJsonString()), document.RootElement, "/input", false, problems);
        return problems.Items;
    }
}
