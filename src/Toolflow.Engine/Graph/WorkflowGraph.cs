using System.Runtime.CompilerServices;
using Toolflow.Core.Definitions;
using Toolflow.Core.Expressions;

namespace Toolflow.Engine.Graph;

/// <summary>
/// A definition compiled for scheduling: nodes by index, incoming and outgoing edges, sinks.
/// Built once per definition instance and cached. Construction rejects what would make the
/// scheduler hang or misbehave: duplicate ids, edges to unknown nodes, cycles.
/// </summary>
public sealed class WorkflowGraph
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, WorkflowGraph> Cache = [];

    private WorkflowGraph(WorkflowDefinition definition, Dictionary<string, int> index, GraphEdge[][] incoming, GraphEdge[][] outgoing)
    {
        Definition = definition;
        Nodes = definition.Nodes;
        IndexOf = index;
        Incoming = incoming;
        Outgoing = outgoing;
        ConfigHasExpressions = [.. definition.Nodes.Select(n => n.Config is not null && ContainsTemplate(n.Config))];
    }

    public WorkflowDefinition Definition { get; }

    public IReadOnlyList<NodeDefinition> Nodes { get; }

    public IReadOnlyDictionary<string, int> IndexOf { get; }

    public GraphEdge[][] Incoming { get; }

    public GraphEdge[][] Outgoing { get; }

    /// <summary>Per node: whether any config string holds <c>{{</c> (else the config is used as is).</summary>
    public bool[] ConfigHasExpressions { get; }

    public int Count => Nodes.Count;

    /// <summary>The compiled graph of <paramref name="definition"/>; throws <see cref="GraphValidationException"/>.</summary>
    public static WorkflowGraph For(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Cache.GetValue(definition, Build);
    }

    private static WorkflowGraph Build(WorkflowDefinition definition)
    {
        var problems = new List<GraphProblem>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Nodes.Count; i++)
        {
            if (!index.TryAdd(definition.Nodes[i].Id, i))
            {
                problems.Add(new($"/nodes/{i}/id", $"duplicate node id '{definition.Nodes[i].Id}'"));
            }
        }

        var incoming = new List<GraphEdge>[definition.Nodes.Count];
        var outgoing = new List<GraphEdge>[definition.Nodes.Count];
        for (var i = 0; i < incoming.Length; i++)
        {
            incoming[i] = [];
            outgoing[i] = [];
        }

        for (var e = 0; e < definition.Edges.Count; e++)
        {
            var edge = definition.Edges[e];
            var known = true;
            if (!index.TryGetValue(edge.Source, out var source))
            {
                problems.Add(new($"/edges/{e}/source", $"edge source '{edge.Source}' is not a node"));
                known = false;
            }

            if (!index.TryGetValue(edge.Target, out var target))
            {
                problems.Add(new($"/edges/{e}/target", $"edge target '{edge.Target}' is not a node"));
                known = false;
            }

            if (known)
            {
                var compiled = new GraphEdge(e, source, target, edge.Branch);
                outgoing[source].Add(compiled);
                incoming[target].Add(compiled);
            }
        }

        var graph = new WorkflowGraph(definition, index, [.. incoming.Select(l => l.ToArray())], [.. outgoing.Select(l => l.ToArray())]);
        problems.AddRange(CycleFinder.Find(graph));
        if (problems.Count > 0)
        {
            throw new GraphValidationException(problems);
        }

        return graph;
    }

    internal static bool ContainsTemplate(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.Any(p => ContainsTemplate(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.Any(ContainsTemplate),
        System.Text.Json.Nodes.JsonValue v => v.GetValueKind() == System.Text.Json.JsonValueKind.String && ExpressionTemplate.ContainsExpression(v.GetValue<string>()),
        _ => false,
    };
}

/// <summary>An edge by node indexes; <see cref="Ordinal"/> is its position in the definition.</summary>
public sealed record GraphEdge(int Ordinal, int Source, int Target, string? Branch);
