using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>
/// A deliberately simple, documented resource estimate (docs/repositories.md): every node is
/// assumed to run once, one after another, for a typical time of its tool kind; forEach nodes
/// count ten items; flow.delay adds its configured duration. Cost is what LLM calls cost at a
/// typical small-model price. The engine's measured averages (avg_duration_ms) replace the guess.
/// </summary>
public static class WorkflowEstimates
{
    public const int AssumedForEachItems = 10;
    public const decimal LlmCallUsd = 0.002m;

    public static (long DurationMs, decimal CostUsd) Estimate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        long duration = 0;
        decimal cost = 0;
        foreach (var node in definition.Nodes)
        {
            var runs = string.IsNullOrEmpty(node.ForEach) ? 1 : AssumedForEachItems;
            duration += runs * TypicalMs(node);
            if (node.Tool?.StartsWith("llm.", StringComparison.Ordinal) == true)
            {
                cost += runs * LlmCallUsd;
            }
        }

        return (duration, cost);
    }

    private static long TypicalMs(NodeDefinition node) => node.Tool switch
    {
        "http.request" => 500,
        "llm.chat" => 3_000,
        "email.send" => 1_000,
        "db.query" => 200,
        "code.javascript" => 50,
        "flow.delay" => DelayMs(node.Config),
        "flow.approval" or "flow.subworkflow" => 0,
        _ when node.Tool?.StartsWith("llm.", StringComparison.Ordinal) == true => 3_000,
        _ => 10,
    };

    private static long DelayMs(JsonObject? config) =>
        config?["durationMs"] is JsonValue value && value.TryGetValue<long>(out var ms) && ms > 0 ? ms : 0;
}
