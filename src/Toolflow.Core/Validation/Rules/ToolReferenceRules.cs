using Toolflow.Core.Tools;
using Toolflow.Core.Validation.Formats;

namespace Toolflow.Core.Validation.Rules;

/// <summary>Each node names exactly one of a built-in tool or a configured tool instance, and the tool exists.</summary>
public static class ToolReferenceRules
{
    public static void Check(RawWorkflow workflow, IToolCatalog catalog, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var node in workflow.Nodes)
        {
            var hasTool = node.Element.TryGetProperty("tool", out _);
            var hasInstance = node.Element.TryGetProperty("toolInstanceId", out _);
            if (!hasTool && !hasInstance)
            {
                problems.Add(node.Pointer, $"node {node.Label} needs either 'tool' or 'toolInstanceId'");
            }
            else if (hasTool && hasInstance)
            {
                problems.Add(node.Pointer, $"node {node.Label} has both 'tool' and 'toolInstanceId'; keep one");
            }

            if (node.Tool is { Length: > 0 } tool && catalog.Find(tool) is null)
            {
                var suggestion = NameSuggestion.Closest(tool, catalog.All.Select(t => t.Name));
                var hint = suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)";
                problems.Add(node.Pointer + "/tool", $"unknown tool '{tool}'{hint}");
            }

            if (node.ToolInstanceId is { Length: > 0 } instance && !FormatChecks.IsUuid(instance))
            {
                problems.Add(node.Pointer + "/toolInstanceId", $"tool instance id '{instance}' is not a UUID");
            }
        }
    }
}
