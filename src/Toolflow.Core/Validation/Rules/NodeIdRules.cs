using Toolflow.Core.Validation.Formats;

namespace Toolflow.Core.Validation.Rules;

/// <summary>Node ids are well-formed and unique; expressions and edges refer to nodes by them.</summary>
public static class NodeIdRules
{
    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(problems);
        var firstUse = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            if (node.Id is null)
            {
                continue;
            }

            var pointer = node.Pointer + "/id";
            if (node.Id.Length > 0 && !FormatChecks.IsNodeId(node.Id))
            {
                problems.Add(pointer, $"id '{Shorten(node.Id)}' is malformed: use a letter or '_' first, then letters, digits, '_' or '-', at most 64 characters");
            }

            if (firstUse.TryGetValue(node.Id, out var first))
            {
                problems.Add(pointer, $"duplicate node id '{Shorten(node.Id)}' (already used by /nodes/{first})");
            }
            else
            {
                firstUse.Add(node.Id, node.Index);
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : string.Concat(text.AsSpan(0, 67), "...");
}
