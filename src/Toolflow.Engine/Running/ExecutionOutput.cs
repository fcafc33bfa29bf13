using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Engine.Running;

/// <summary>
/// The output rule of SPEC §2: the value of the definition's <c>output</c> expression; without
/// one, the outputs of the sink nodes (no outgoing edge) that ended with an output, keyed by id.
/// </summary>
internal static class ExecutionOutput
{
    public static JsonNode? Compute(RunContext run, RunState state)
    {
        var definition = run.Graph.Definition;
        if (!string.IsNullOrWhiteSpace(definition.Output))
        {
            var template = Core.Expressions.ExpressionTemplate.ContainsExpression(definition.Output)
                ? definition.Output
                : "{{ " + definition.Output + " }}";
            return run.Services.Expressions.Evaluate(template, run.Scope(state.Outputs), null, "/output");
        }

        var output = new JsonObject();
        for (var i = 0; i < run.Graph.Count; i++)
        {
            if (run.Graph.Outgoing[i].Length == 0 && state.Results[i] is { } result && (result.Status == NodeStatus.Completed || result.Handled))
            {
                output[result.NodeId] = result.Output?.DeepClone();
            }
        }

        return output;
    }
}
