using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// <c>workflow_executions.resource_usage</c>: the run's usage so far (SPEC §2: node time, bytes in and out, LLM
/// tokens, cost), in the names the API answers with (<c>llmInputTokens</c>, …). The engine's commits carry the
/// running total, so a commit replaces it; a load gives it back, so a run resumed on another worker adds on; the
/// API's execution resource reads it from here too.
/// </summary>
public static class UsageJson
{
    public static JsonObject Write(ResourceUsage usage) => new()
    {
        ["nodeTimeMs"] = usage.NodeTimeMs,
        ["bytesIn"] = usage.BytesIn,
        ["bytesOut"] = usage.BytesOut,
        ["llmInputTokens"] = usage.InputTokens,
        ["llmOutputTokens"] = usage.OutputTokens,
        ["costUsd"] = usage.CostUsd,
    };

    public static ResourceUsage Read(JsonNode? stored) => stored is not JsonObject o ? ResourceUsage.None : new ResourceUsage
    {
        NodeTimeMs = Long(o, "nodeTimeMs"),
        BytesIn = Long(o, "bytesIn"),
        BytesOut = Long(o, "bytesOut"),
        InputTokens = Long(o, "llmInputTokens"),
        OutputTokens = Long(o, "llmOutputTokens"),
        CostUsd = o["costUsd"] is JsonValue cost && cost.TryGetValue<decimal>(out var usd) ? usd : 0,
    };

    private static long Long(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;
}
