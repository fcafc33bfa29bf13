using System.Text.RegularExpressions;
using Toolflow.Core.Definitions;

namespace Toolflow.Server.Web.Graph;

/// <summary>
/// The graph being edited: nodes with positions and edges. Positions are saved in each node's
/// <c>position</c>; a workflow whose nodes have none (generated, imported, written by hand) is laid out.
/// </summary>
public sealed partial class EditorGraph
{
    public List<EditorNode> Nodes { get; } = [];

    public List<EdgeDefinition> Edges { get; } = [];

    public static EditorGraph From(IEnumerable<NodeDefinition> nodes, IEnumerable<EdgeDefinition> edges)
    {
        var graph = new EditorGraph();
        graph.Nodes.AddRange(nodes.Select(n => new EditorNode(n, n.Position?.X ?? 0, n.Position?.Y ?? 0)));
        graph.Edges.AddRange(edges);
        var unplaced = graph.Nodes.Where(n => !Positioned(n.Definition)).ToList();
        if (unplaced.Count == graph.Nodes.Count)
        {
            graph.AutoLayout();
        }
        else if (unplaced.Count > 0)
        {
            // Some nodes were placed by someone: they stay where they are; the others are laid out below them.
            var below = graph.Nodes.Where(n => Positioned(n.Definition)).Max(n => n.Y) + EditorNode.Height + RowGap;
            var layout = Layout(unplaced.Select(n => n.Id).ToList(), graph.Edges);
            foreach (var node in unplaced)
            {
                (node.X, node.Y) = (layout[node.Id].X, layout[node.Id].Y - Margin + below);
            }
        }

        return graph;
    }

    public EditorNode? Find(string id) => Nodes.Find(n => n.Id == id);

    /// <summary>Adds a node for <paramref name="tool"/> with a fresh id derived from the tool's name, to the right of the others.</summary>
    public EditorNode AddNode(string tool) => Add(tool, new NodeDefinition { Id = string.Empty, Tool = tool, Config = [] });

    /// <summary>
    /// Adds a node that uses a configured tool instance (its config and credential apply; the node's config
    /// overrides them), with an id derived from the instance's tool.
    /// </summary>
    public EditorNode AddInstanceNode(Guid instanceId, string tool) =>
        Add(tool, new NodeDefinition { Id = string.Empty, ToolInstanceId = instanceId.ToString(), Config = [] });

    private EditorNode Add(string tool, NodeDefinition definition)
    {
        var stem = NotIdCharacters().Replace(tool.Split('.')[^1], "_");
        stem = stem.Length == 0 || !char.IsLetter(stem[0]) ? "node_" + stem : stem;
        var id = stem;
        for (var i = 2; Find(id) is not null; i++)
        {
            id = $"{stem}_{i}";
        }

        var x = Nodes.Count == 0 ? 40 : Nodes.Max(n => n.X) + EditorNode.Width + 60;
        var node = new EditorNode(definition with { Id = id }, x, 60);
        Nodes.Add(node);
        return node;
    }

    public void RemoveNode(string id)
    {
        Nodes.RemoveAll(n => n.Id == id);
        Edges.RemoveAll(e => e.Source == id || e.Target == id);
    }

    /// <summary>Adds an edge; false for a self-loop, a missing end or a duplicate (the server's validator judges cycles).</summary>
    public bool Connect(string source, string target, string? branch = null)
    {
        if (source == target || Find(source) is null || Find(target) is null
            || Edges.Any(e => e.Source == source && e.Target == target && e.Branch == branch))
        {
            return false;
        }

        Edges.Add(new EdgeDefinition { Source = source, Target = target, Branch = string.IsNullOrWhiteSpace(branch) ? null : branch });
        return true;
    }

    public bool RemoveEdge(EdgeDefinition edge) => Edges.Remove(edge);

    /// <summary>At most this many columns side by side: a longer chain wraps onto the next band of rows.</summary>
    public const int MaxColumns = 6;

    private const double Margin = 40;
    private const double ColumnGap = 70;
    private const double RowGap = 50;
    private const double BandGap = 90;

    /// <summary>The widest a laid-out graph gets: <see cref="MaxColumns"/> columns, whatever its length.</summary>
    public static double MaxLayoutWidth => Margin + (MaxColumns * (EditorNode.Width + ColumnGap));

    /// <summary>
    /// Layered layout: a node's layer is the longest path to it from a start node; rows in input order. Layers
    /// go left to right in bands of <see cref="MaxColumns"/>; the next band goes right to left below it (a
    /// snake), so a 200-node chain is a few screens high instead of one 50,000 px row, and each edge stays short.
    /// </summary>
    public void AutoLayout()
    {
        var layout = Layout([.. Nodes.Select(n => n.Id)], Edges);
        foreach (var node in Nodes)
        {
            (node.X, node.Y) = layout[node.Id];
        }
    }

    private static Dictionary<string, (double X, double Y)> Layout(IReadOnlyList<string> ids, IReadOnlyList<EdgeDefinition> allEdges)
    {
        var layer = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var edges = allEdges.Where(e => layer.ContainsKey(e.Source) && layer.ContainsKey(e.Target)).ToList();
        var outgoing = edges.ToLookup(e => e.Source, StringComparer.Ordinal);
        var incoming = ids.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            incoming[edge.Target]++;
        }

        var ready = new Queue<string>(ids.Where(id => incoming[id] == 0));
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ready.TryDequeue(out var id))
        {
            placed.Add(id);
            foreach (var edge in outgoing[id])
            {
                layer[edge.Target] = Math.Max(layer[edge.Target], layer[id] + 1);
                if (--incoming[edge.Target] == 0)
                {
                    ready.Enqueue(edge.Target);
                }
            }
        }

        // Nodes on a cycle (the validator will say so) go one layer past the rest rather than vanish.
        var last = layer.Count == 0 ? 0 : layer.Values.Max() + 1;
        foreach (var id in ids.Where(id => !placed.Contains(id)))
        {
            layer[id] = last;
        }

        // Each band is as tall as its tallest layer.
        var layers = ids.GroupBy(id => layer[id]).ToDictionary(g => g.Key, g => g.ToList());
        var bandTop = new Dictionary<int, double>();
        var top = Margin;
        foreach (var band in layers.Keys.Select(l => l / MaxColumns).Distinct().Order())
        {
            bandTop[band] = top;
            var rows = layers.Where(l => l.Key / MaxColumns == band).Max(l => l.Value.Count);
            top += (rows * (EditorNode.Height + RowGap)) - RowGap + BandGap;
        }

        var positions = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        foreach (var (index, members) in layers)
        {
            var band = index / MaxColumns;
            var column = band % 2 == 0 ? index % MaxColumns : MaxColumns - 1 - (index % MaxColumns);
            for (var row = 0; row < members.Count; row++)
            {
                positions[members[row]] = (Margin + (column * (EditorNode.Width + ColumnGap)), bandTop[band] + (row * (EditorNode.Height + RowGap)));
            }
        }

        return positions;
    }

    public IReadOnlyList<NodeDefinition> ToNodes() => [.. Nodes.Select(n => n.ToDefinition())];

    private static bool Positioned(NodeDefinition node) => node.Position is not null;

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotIdCharacters();
}
