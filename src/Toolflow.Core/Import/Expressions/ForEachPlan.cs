using Toolflow.Core.Import.Graph;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// Which nodes run once per item, and over what. The nodes right after a Split Out run per element;
/// n8n keeps running each item through the following single-input, non-branching nodes, so those run
/// per element too, over the previous node's array of outputs (read as <c>item</c>, or <c>[index]</c>).
/// </summary>
internal sealed class ForEachPlan
{
    /// <summary>Node types that may continue a per-item chain: one output per item, no branching, no item batching.</summary>
    private static readonly HashSet<string> Continuing =
    [
        "n8n-nodes-base.set", "n8n-nodes-base.httpRequest", "n8n-nodes-base.emailSend", "n8n-nodes-base.postgres",
        "n8n-nodes-base.executeWorkflow", "@n8n/n8n-nodes-langchain.openAi", "@n8n/n8n-nodes-langchain.chainLlm",
        "@n8n/n8n-nodes-langchain.agent",
    ];

    public ForEachPlan(ImportGraph graph)
    {
        var regular = graph.Workflow.Nodes.Where(n => graph.Roles[n.Name] == NodeRole.Regular && !graph.Cycles.ContainsKey(n.Name)).ToList();
        foreach (var node in regular)
        {
            var split = graph.MainParents(node.Name).FirstOrDefault(p => graph.Roles[p] == NodeRole.Regular && OutputShape.For(graph.ByName[p]).PerItem);
            if (split is not null)
            {
                Sources[node.Name] = split;
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var node in regular.Where(n => !Sources.ContainsKey(n.Name) && !n.Disabled && Continuing.Contains(n.Type)))
            {
                var parents = graph.MainParents(node.Name);
                if (parents.Count == 1 && Sources.ContainsKey(parents[0]) && Continues(graph, parents[0]))
                {
                    Sources[node.Name] = parents[0];
                    changed = true;
                }
            }
        }
    }

    /// <summary>Per-item node → the node whose items it runs over (a Split Out, or a per-item node before it).</summary>
    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    public bool IsSplit(ImportGraph graph, string name) => OutputShape.For(graph.ByName[name]).PerItem;

    private static bool Continues(ImportGraph graph, string name)
    {
        var node = graph.ByName[name];
        return !node.Disabled && Continuing.Contains(node.Type);
    }
}
