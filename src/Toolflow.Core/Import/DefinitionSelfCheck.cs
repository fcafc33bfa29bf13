using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolflow.Core.Definitions;
using Toolflow.Core.Expressions;

namespace Toolflow.Core.Import;

/// <summary>
/// A structural check of a converted definition until the full validator is available: ids, edges,
/// acyclicity, expressions, tools of SPEC §2 and their documented config fields, and branches.
/// </summary>
public static partial class DefinitionSelfCheck
{
    private static readonly Dictionary<string, string[]> ToolFields = new(StringComparer.Ordinal)
    {
        ["data.set"] = ["values"],
        ["data.template"] = ["template"],
        ["code.javascript"] = ["code"],
        ["flow.condition"] = ["expression"],
        ["flow.switch"] = ["value", "cases"],
        ["flow.merge"] = [],
        ["flow.fail"] = ["message"],
        ["flow.delay"] = ["durationMs", "until"],
        ["flow.approval"] = ["message", "timeoutMs"],
        ["flow.subworkflow"] = ["workflowId", "input"],
        ["http.request"] = ["method", "url", "headers", "query", "body", "bodyType", "timeoutMs", "maxResponseBytes", "followRedirects", "failOnHttpError"],
        ["llm.chat"] = ["provider", "model", "system", "prompt", "messages", "temperature", "maxTokens", "responseFormat"],
        ["email.send"] = ["to", "cc", "subject", "body"],
        ["db.query"] = ["sql", "parameters"],
    };

    /// <summary>Every problem found, as "&lt;where&gt;: &lt;what&gt;"; empty when the definition is sound.</summary>
    public static IReadOnlyList<string> Check(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            var where = $"node '{node.Id}'";
            if (!IdPattern().IsMatch(node.Id) || !ids.Add(node.Id))
            {
                problems.Add($"{where}: id is invalid or repeated");
            }

            if (node.Tool is null || !ToolFields.TryGetValue(node.Tool, out var fields))
            {
                problems.Add($"{where}: tool '{node.Tool}' is not a built-in tool");
                continue;
            }

            problems.AddRange((node.Config ?? []).Where(p => !fields.Contains(p.Key)).Select(p => $"{where}: config field '{p.Key}' is not documented for {node.Tool}"));
            problems.AddRange(Strings(node.Config).Append(node.ForEach).OfType<string>()
                .Select(ExpressionSyntax.FindError).OfType<string>().Select(e => $"{where}: {e}"));
        }

        if (definition.Output is { } output && ExpressionSyntax.FindError(output) is { } outputError)
        {
            problems.Add($"output: {outputError}");
        }

        problems.AddRange(EdgeProblems(definition, ids));
        return problems;
    }

    private static IEnumerable<string> EdgeProblems(WorkflowDefinition definition, HashSet<string> ids)
    {
        var byId = definition.Nodes.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var edge in definition.Edges)
        {
            if (!ids.Contains(edge.Source) || !ids.Contains(edge.Target))
            {
                yield return $"edge {edge.Source} → {edge.Target}: unknown node";
            }
            else if (edge.Branch is { } branch && !HasBranch(byId[edge.Source], branch))
            {
                yield return $"edge {edge.Source} → {edge.Target}: '{edge.Source}' has no branch '{branch}'";
            }
        }

        // Kahn's algorithm: whatever cannot be ordered lies on a cycle.
        var indegree = definition.Nodes.ToDictionary(n => n.Id, _ => 0);
        foreach (var edge in definition.Edges.Where(e => indegree.ContainsKey(e.Target)))
        {
            indegree[edge.Target]++;
        }

        var ready = new Queue<string>(indegree.Where(p => p.Value == 0).Select(p => p.Key));
        var ordered = 0;
        while (ready.TryDequeue(out var id))
        {
            ordered++;
            foreach (var edge in definition.Edges.Where(e => e.Source == id && indegree.ContainsKey(e.Target)))
            {
                if (--indegree[edge.Target] == 0)
                {
                    ready.Enqueue(edge.Target);
                }
            }
        }

        if (ordered < indegree.Count)
        {
            yield return "edges: the graph has a cycle";
        }
    }

    private static bool HasBranch(NodeDefinition node, string branch) =>
        (branch == "error" && node.OnError == OnErrorMode.Branch) || node.Tool switch
        {
            "flow.condition" => branch is "true" or "false",
            "flow.switch" => branch == "default" || (node.Config.Get("cases") as JsonArray ?? []).Any(c => c?.GetValue<string>() == branch),
            _ => false,
        };

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        _ => [],
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
