using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import.Graph;

/// <summary>The n8n graph analysed once: roles, ids, parents, AI attachments and cycles.</summary>
internal sealed class ImportGraph
{
    public ImportGraph(N8nWorkflow workflow)
    {
        Workflow = workflow;
        ByName = workflow.Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
        Ids = NodeIds.Assign(workflow.Nodes.Where(n => !n.IsStickyNote).Select(n => n.Name));
        Main = [.. workflow.Connections.Where(c => c.IsMain)];
        Roles = AssignRoles(workflow, out var trigger);
        TriggerName = trigger;
        var graphNodes = workflow.Nodes.Where(n => Roles[n.Name] == NodeRole.Regular).Select(n => n.Name).ToList();
        var successors = Main.Where(c => Roles[c.Source] == NodeRole.Regular && Roles[c.Target] == NodeRole.Regular)
            .ToLookup(c => c.Source, c => c.Target, StringComparer.Ordinal);
        Cycles = CycleFinder.FindCycles(graphNodes, successors);
    }

    public N8nWorkflow Workflow { get; }

    public Dictionary<string, N8nNode> ByName { get; }

    /// <summary>n8n name → Toolflow id, for every node but sticky notes.</summary>
    public Dictionary<string, string> Ids { get; }

    public Dictionary<string, NodeRole> Roles { get; }

    public string? TriggerName { get; }

    public IReadOnlyList<N8nConnection> Main { get; }

    /// <summary>Nodes on a loop of the main graph, each with the members of its loop.</summary>
    public Dictionary<string, IReadOnlyList<string>> Cycles { get; }

    public IEnumerable<N8nConnection> MainInto(string name) => Main.Where(c => c.Target == name);

    /// <summary>The distinct main parents of a node, the trigger included.</summary>
    public List<string> MainParents(string name) => [.. MainInto(name).Select(c => c.Source).Distinct()];

    public IEnumerable<N8nConnection> AiInto(string host) =>
        Workflow.Connections.Where(c => !c.IsMain && c.Target == host);

    public IEnumerable<N8nConnection> AiOutOf(string subNode) =>
        Workflow.Connections.Where(c => !c.IsMain && c.Source == subNode);

    private static Dictionary<string, NodeRole> AssignRoles(N8nWorkflow workflow, out string? trigger)
    {
        var roles = new Dictionary<string, NodeRole>(StringComparer.Ordinal);
        var outgoing = workflow.Connections.ToLookup(c => c.Source, StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            var outs = outgoing[node.Name].ToList();
            roles[node.Name] = node.IsStickyNote ? NodeRole.Sticky
                : outs.Count > 0 && outs.All(c => !c.IsMain) ? NodeRole.AiSubNode
                : TriggerKinds.IsTrigger(node) ? NodeRole.UnsupportedTrigger
                : NodeRole.Regular;
        }

        // One trigger per Toolflow workflow: the supported one saying the most (schedule > webhook > … > manual).
        trigger = workflow.Nodes.Where(n => roles[n.Name] == NodeRole.UnsupportedTrigger && TriggerKinds.IsSupported(n))
            .OrderBy(TriggerKinds.Priority).Select(n => n.Name).FirstOrDefault();
        if (trigger is not null)
        {
            roles[trigger] = NodeRole.Trigger;
        }

        foreach (var node in workflow.Nodes.Where(n => roles[n.Name] == NodeRole.UnsupportedTrigger && TriggerKinds.IsManual(n)))
        {
            roles[node.Name] = NodeRole.ExtraManualTrigger;
        }

        return roles;
    }
}
