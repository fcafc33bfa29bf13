using Toolflow.Core.Definitions;

namespace Toolflow.Core.Complexity;

/// <summary>
/// The complexity score of SPEC §1. The PostgreSQL function <c>workflow_complexity(jsonb)</c>
/// implements the same rules, and a test proves they agree:
/// nodes + edges + 2 × branching nodes (flow.condition, flow.switch, or onError = branch)
/// + 3 × nodes with forEach + 2 × flow.subworkflow nodes + the longest path in nodes.
/// Edges count as written; the longest path only follows edges whose two ends exist and
/// is found by Kahn's algorithm, so nodes on or behind a cycle get no depth.
/// </summary>
public static class WorkflowComplexity
{
    public static int Compute(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var score = definition.Nodes.Count + definition.Edges.Count;
        foreach (var node in definition.Nodes)
        {
            var branching = node.Tool is "flow.condition" or "flow.switch" || node.OnError == OnErrorMode.Branch;
            if (branching)
            {
                score += 2;
            }

            if (!string.IsNullOrEmpty(node.ForEach))
            {
                score += 3;
            }

            if (node.Tool == "flow.subworkflow")
            {
                score += 2;
            }
        }

        return score + LongestPath(definition);
    }

    /// <summary>The number of nodes on the longest path of the acyclic part of the graph.</summary>
    public static int LongestPath(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            ids.Add(node.Id);
        }

        var indegree = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var successors = ids.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in definition.Edges)
        {
            if (ids.Contains(edge.Source) && ids.Contains(edge.Target))
            {
                successors[edge.Source].Add(edge.Target);
                indegree[edge.Target]++;
            }
        }

        var depth = ids.ToDictionary(id => id, _ => 1, StringComparer.Ordinal);
        var ready = new Queue<string>(ids.Where(id => indegree[id] == 0));
        var longest = 0;
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            longest = Math.Max(longest, depth[id]);
            foreach (var next in successors[id])
            {
                depth[next] = Math.Max(depth[next], depth[id] + 1);
                if (--indegree[next] == 0)
                {
                    ready.Enqueue(next);
                }
            }
        }

        return longest;
    }
}
