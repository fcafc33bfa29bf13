using System.Text.Json;

namespace Toolflow.Core.Validation.Rules;

/// <summary>Rules across the fields of one node that the per-field shape cannot see.</summary>
public static class RetryRules
{
    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var node in workflow.Nodes)
        {
            if (RawWorkflow.Property(node.Element, "retry") is not { ValueKind: JsonValueKind.Object } retry)
            {
                continue;
            }

            var initial = Int(retry, "initialDelayMs") ?? 1000;
            if (Int(retry, "maxDelayMs") is { } max && max < initial)
            {
                problems.Add(node.Pointer + "/retry/maxDelayMs", $"must not be less than initialDelayMs ({initial})");
            }
        }
    }

    private static long? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;
}
