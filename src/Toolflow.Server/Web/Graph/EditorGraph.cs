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
        if (graph.Nodes.Any(n => !Positioned(n.Definition)))
        {
            graph.AutoLayout();
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

    /// <summary>Layered layout: a node's column is the longest path to it from a start node; rows in input order.</summary>
    public void AutoLayout()
    {
        var layer = Nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        var incoming = Nodes.ToDictionary(n => n.Id, n => Edges.Count(e => e.Target == n.Id && layer.ContainsKey(e.Source)), StringComparer.Ordinal);
        var ready = new Queue<string>(Nodes.Where(n => incoming[n.Id] == 0).Select(n => n.Id));
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ready.TryDequeue(out var id))
        {
            placed.Add(id);
            foreach (var edge in Edges.Where(e => e.Source == id && layer.ContainsKey(e.Target)))
            {
                layer[edge.Target] = Math.Max(layer[edge.Target], layer[id] + 1);
                if (--incoming[edge.Target] == 0)
                {
                    ready.Enqueue(edge.Target);
                }
            }
        }

        // Nodes on a cycle (the validator will say so) go one column past the rest rather than vanish.
        var last = layer.Count == 0 ? 0 : layer.Values.Max() + 1;
        foreach (var node in Nodes.Where(n => !placed.Contains(n.Id)))
        {
            layer[node.Id] = last;
        }

        foreach (var column in Nodes.GroupBy(n => layer[n.Id]))
        {
            var row = 0;
            foreach (var node in column)
            {
                node.X = 40 + (column.Key * (EditorNode.Width + 70));
                node.Y = 40 + (row++ * (EditorNode.Height + 50));
            }
        }
    }

    public IReadOnlyList<NodeDefinition> ToNodes() => [.. Nodes.Select(n => n.ToDefinition())];

    private static bool Positioned(NodeDefinition node) => node.Position is not null;

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NotIdCharacters();
}
