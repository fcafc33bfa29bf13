using System.Text.Json.Nodes;
using Toolflow.Core.Validation;

namespace Toolflow.Generation.Pipeline;

/// <summary>Drops what validation problems point at: nodes (bridging their edges), edges, a bad trigger.</summary>
internal static class ProblemPruner
{
    public static IReadOnlyList<string> Prune(JsonObject definition, IReadOnlyList<ValidationProblem> problems)
    {
        var dropped = new List<string>();
        var nodes = definition["nodes"] as JsonArray ?? [];
        var edges = definition["edges"] as JsonArray ?? [];
        var badNodes = new HashSet<int>();
        var badEdges = new HashSet<int>();
        foreach (var problem in problems)
        {
            var parts = problem.Pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "nodes" && int.TryParse(parts[1], out var n))
            {
                badNodes.Add(n);
            }
            else if (parts.Length >= 2 && parts[0] == "edges" && int.TryParse(parts[1], out var e))
            {
                badEdges.Add(e);
            }
            else if (parts.Length >= 1 && parts[0] == "trigger")
            {
                definition.Remove("trigger");
                dropped.Add($"the trigger was dropped ({problem.Message}); the workflow starts manually");
            }
        }

        var removedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in badNodes.OrderDescending())
        {
            if (index < nodes.Count && nodes[index] is JsonObject node)
            {
                var id = (string?)node["id"] ?? $"#{index}";
                removedIds.Add(id);
                dropped.Add($"node '{id}' ({(string?)node["tool"]}) was dropped: {string.Join("; ", problems.Where(p => p.Pointer.StartsWith($"/nodes/{index}", StringComparison.Ordinal)).Select(p => p.Message))}");
                nodes.RemoveAt(index);
            }
        }

        foreach (var index in badEdges.OrderDescending())
        {
            if (index < edges.Count)
            {
                edges.RemoveAt(index);
            }
        }

        var all = edges.OfType<JsonObject>().ToList();
        foreach (var id in removedIds)
        {
            var into = all.Where(e => (string?)e["target"] == id).ToList();
            var outOf = all.Where(e => (string?)e["source"] == id).ToList();
            foreach (var i in into.Where(i => !removedIds.Contains((string)i["source"]!)))
            {
                foreach (var o in outOf.Where(o => !removedIds.Contains((string)o["target"]!)))
                {
                    var bridge = new JsonObject { ["source"] = (string?)i["source"], ["target"] = (string?)o["target"] };
                    if (i["branch"] is { } branch)
                    {
                        bridge["branch"] = branch.DeepClone();
                    }

                    edges.Add((JsonNode)bridge);
                }
            }
        }

        for (var i = edges.Count - 1; i >= 0; i--)
        {
            if (edges[i] is JsonObject e && (removedIds.Contains((string?)e["source"] ?? string.Empty) || removedIds.Contains((string?)e["target"] ?? string.Empty)))
            {
                edges.RemoveAt(i);
            }
        }

        if (dropped.Count == 0 && problems.Count > 0)
        {
            // A problem about the whole document (or one this pruner cannot place): start from an empty graph.
            definition["nodes"] = new JsonArray();
            definition["edges"] = new JsonArray();
            dropped.Add("the draft was emptied: " + string.Join("; ", problems.Select(p => p.ToString())));
        }

        return dropped;
    }
}
