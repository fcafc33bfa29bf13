namespace Toolflow.Core.Import.Graph;

/// <summary>Strongly connected components (Tarjan): the nodes that lie on a cycle of the main graph.</summary>
internal static class CycleFinder
{
    /// <summary>Maps each node on a cycle to its component (all the nodes of that loop).</summary>
    public static Dictionary<string, IReadOnlyList<string>> FindCycles(IReadOnlyList<string> nodes, ILookup<string, string> successors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var counter = 0;

        // Iterative DFS so that a long chain of nodes cannot overflow the call stack.
        foreach (var start in nodes.Where(n => !index.ContainsKey(n)))
        {
            var work = new Stack<(string Node, IEnumerator<string> Next)>();
            Visit(start);
            while (work.Count > 0)
            {
                var (node, next) = work.Peek();
                if (next.MoveNext())
                {
                    var child = next.Current;
                    if (!index.ContainsKey(child))
                    {
                        Visit(child);
                    }
                    else if (onStack.Contains(child))
                    {
                        low[node] = Math.Min(low[node], index[child]);
                    }

                    continue;
                }

                work.Pop();
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);

                    if (component.Count > 1 || successors[node].Contains(node))
                    {
                        component.Reverse();
                        foreach (var m in component)
                        {
                            result[m] = component;
                        }
                    }
                }
            }

            void Visit(string n)
            {
                index[n] = low[n] = counter++;
                stack.Push(n);
                onStack.Add(n);
                work.Push((n, successors[n].Distinct().GetEnumerator()));
            }
        }

        return result;
    }
}
