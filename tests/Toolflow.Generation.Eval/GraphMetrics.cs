namespace Toolflow.Generation.Eval;

/// <summary>A workflow reduced to what the metrics compare: node labels (tools) and edges by index.</summary>
public sealed record ToolGraph(IReadOnlyList<string> Nodes, IReadOnlyList<(int Source, int Target)> Edges)
{
    public IEnumerable<string> EdgeLabels => Edges.Select(e => $"{Nodes[e.Source]}→{Nodes[e.Target]}");
}

/// <summary>
/// TaskBench-style scores: node F1 over the multiset of tools, edge F1 over the multiset of
/// tool→tool edges, and the graph edit distance (unit costs for inserting, deleting or relabelling a
/// node and for inserting or deleting an edge; exact for graphs of up to 8 nodes).
/// </summary>
public static class GraphMetrics
{
    public static double F1(IEnumerable<string> predicted, IEnumerable<string> reference)
    {
        var p = predicted.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var r = reference.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var (pn, rn) = (p.Values.Sum(), r.Values.Sum());
        if (pn == 0 && rn == 0)
        {
            return 1;
        }

        var hit = p.Sum(kv => Math.Min(kv.Value, r.GetValueOrDefault(kv.Key)));
        if (hit == 0)
        {
            return 0;
        }

        var precision = (double)hit / pn;
        var recall = (double)hit / rn;
        return 2 * precision * recall / (precision + recall);
    }

    public static int EditDistance(ToolGraph a, ToolGraph b)
    {
        var n = Math.Max(a.Nodes.Count, b.Nodes.Count);
        if (n == 0)
        {
            return 0;
        }

        if (n > 8)
        {
            // Too many orderings to try: a lower bound from the label and edge multisets.
            return Diff(a.Nodes, b.Nodes) + Diff(a.EdgeLabels, b.EdgeLabels);
        }

        var best = int.MaxValue;
        var mapping = new int[n];
        var used = new bool[n];
        Search(0);
        return best;

        void Search(int i)
        {
            if (i == n)
            {
                best = Math.Min(best, Cost(a, b, mapping));
                return;
            }

            for (var j = 0; j < n; j++)
            {
                if (!used[j])
                {
                    used[j] = true;
                    mapping[i] = j;
                    Search(i + 1);
                    used[j] = false;
                }
            }
        }
    }

    private static int Cost(ToolGraph a, ToolGraph b, int[] map)
    {
        var cost = 0;
        for (var i = 0; i < map.Length; i++)
        {
            var la = i < a.Nodes.Count ? a.Nodes[i] : null;
            var lb = map[i] < b.Nodes.Count ? b.Nodes[map[i]] : null;
            if (la != lb)
            {
                cost++;
            }
        }

        var be = b.Edges.ToHashSet();
        var mapped = a.Edges.Select(e => (map[e.Source], map[e.Target])).ToHashSet();
        cost += mapped.Count(e => !be.Contains(e));
        cost += be.Count(e => !mapped.Contains(e));
        return cost;
    }

    private static int Diff(IEnumerable<string> a, IEnumerable<string> b)
    {
        var left = a.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var right = b.GroupBy(x => x, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var keys = left.Keys.Union(right.Keys, StringComparer.Ordinal);
        var extra = keys.Sum(k => Math.Abs(left.GetValueOrDefault(k) - right.GetValueOrDefault(k)));
        return (extra + 1) / 2;
    }
}
