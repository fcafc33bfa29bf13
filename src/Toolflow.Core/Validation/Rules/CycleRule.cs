namespace Toolflow.Core.Validation.Rules;

/// <summary>
/// A workflow is a DAG: loops are written with <c>forEach</c> or a sub-workflow. A depth-first
/// search reports every edge that closes a cycle, naming the nodes on it, at that edge's pointer.
/// Iterative, so 1,000 nodes in a chain cannot overflow the stack.
/// </summary>
public static class CycleRule
{
    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(problems);
        var order = new List<string>();
        var successors = new Dictionary<string, List<RawEdge>>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            if (node.Id is not null && successors.TryAdd(node.Id, []))
            {
                order.Add(node.Id);
            }
        }

        foreach (var edge in workflow.Edges)
        {
            if (edge.Source is not null && edge.Target is not null &&
                successors.TryGetValue(edge.Source, out var list) && successors.ContainsKey(edge.Target))
            {
                list.Add(edge);
            }
        }

        var finished = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        var cursor = new List<int>();
        foreach (var start in order.Where(id => !finished.Contains(id)))
        {
            Push(start);
            while (path.Count > 0)
            {
                var top = path.Count - 1;
                var edges = successors[path[top]];
                if (cursor[top] == edges.Count)
                {
                    onPath.Remove(path[top]);
                    finished.Add(path[top]);
                    path.RemoveAt(top);
                    cursor.RemoveAt(top);
                    continue;
                }

                var edge = edges[cursor[top]++];
                if (onPath.TryGetValue(edge.Target!, out var at))
                {
                    var cycle = path.Skip(at).Append(edge.Target!);
                    problems.Add(edge.Pointer, $"edge {edge.Source} → {edge.Target} closes a cycle: {string.Join(" → ", cycle)} (loop with forEach or a sub-workflow instead)");
                }
                else if (!finished.Contains(edge.Target!))
                {
                    Push(edge.Target!);
                }
            }
        }

        void Push(string id)
        {
            onPath[id] = path.Count;
            path.Add(id);
            cursor.Add(0);
        }
    }
}
