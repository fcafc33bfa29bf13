using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Expressions;
using Toolflow.Core.Import.Graph;
using Toolflow.Core.Import.Mapping;
using Toolflow.Core.Import.N8n;
using Toolflow.Core.Import.Report;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Import;

/// <summary>Puts the mapped nodes, the trigger, the description, the output and the report together.</summary>
internal sealed class ImportAssembly(
    ImportGraph graph,
    Dictionary<string, NodeMapping> mappings,
    Dictionary<string, List<string>> warnings,
    Expressions.ForEachPlan plan)
{
    private readonly List<CredentialTodo> credentials = [];
    private readonly List<string> workflowWarnings = [];
    private readonly Dictionary<string, string> foldedInto = new(StringComparer.Ordinal);

    public TriggerDefinition Trigger { get; private set; } = new() { Type = TriggerType.Manual };

    public List<NodeDefinition> BuildNodes()
    {
        if (graph.TriggerName is { } trigger)
        {
            Trigger = TriggerMapper.Map(graph.ByName[trigger], workflowWarnings);
            if (Trigger.Type == TriggerType.Schedule && graph.Workflow.Timezone is { } zone)
            {
                Trigger = Trigger with { Timezone = zone };
            }
        }

        var nodes = new List<NodeDefinition>();
        foreach (var (name, mapping) in mappings)
        {
            var node = graph.ByName[name];
            var id = graph.Ids[name];
            mapping.Folded.ToList().ForEach(f => foldedInto[f] = id);
            var credential = mapping.IsConverted ? NodeConversion.Credential(graph.ByName[mapping.CredentialNode ?? name]) : null;
            if (credential is { } c)
            {
                credentials.Add(new CredentialTodo(id, c.Name, c.Type));
            }

            var forEach = plan.Sources.TryGetValue(name, out var source)
                ? $"{{{{ {NodeOutput.Of(graph.Ids[source])}{(plan.IsSplit(graph, source) ? ".items" : "")} }}}}"
                : null;
            nodes.Add(NodeConversion.Build(node, id, mapping, credential?.Name, forEach));
        }

        return nodes;
    }

    public string? Description()
    {
        var notes = graph.Workflow.Nodes.Where(n => n.IsStickyNote)
            .Select(n => N8nDocumentReader.Text(n.Parameters["content"])?.Trim()).OfType<string>().Where(t => t.Length > 0).ToList();
        if (notes.Count == 0)
        {
            return null;
        }

        var description = string.Join("\n\n---\n\n", notes);
        return description.Length <= WorkflowLimits.MaxDescriptionLength
            ? description
            : string.Concat(description.AsSpan(0, WorkflowLimits.MaxDescriptionLength - 1), "…");
    }

    /// <summary>The body of the one Respond to Webhook node, as the execution's output.</summary>
    public string? Output(List<string> reportWarnings)
    {
        var responders = mappings.Where(m => m.Value.IsConverted && graph.ByName[m.Key].Type == "n8n-nodes-base.respondToWebhook" && !graph.ByName[m.Key].Disabled)
            .Select(m => graph.Ids[m.Key]).ToList();
        if (responders.Count > 1)
        {
            reportWarnings.Add($"{responders.Count} Respond to Webhook nodes: no single output; the execution output holds each one's body under its id");
        }

        return responders.Count == 1 ? $"{{{{ {NodeOutput.Of(responders[0])}.body }}}}" : null;
    }

    public (ImportReport Report, List<string> Warnings) BuildReport(EdgeBuilder edges)
    {
        workflowWarnings.AddRange(edges.Warnings);
        var entries = graph.Workflow.Nodes.Select(Entry).ToList();
        int Count(NodeOutcome o) => entries.Count(e => e.Outcome == o);
        var counts = new ImportCounts(
            entries.Count, Count(NodeOutcome.Mapped), Count(NodeOutcome.Trigger), Count(NodeOutcome.StickyNote), Count(NodeOutcome.Folded),
            Count(NodeOutcome.Unconverted), graph.Main.Count, edges.Converted, edges.TriggerConnections, edges.Dropped.Count);
        return (new ImportReport(entries, edges.Dropped, credentials, workflowWarnings, counts), workflowWarnings);
    }

    private NodeReport Entry(N8nNode node)
    {
        var name = node.Name;
        var id = graph.Ids.GetValueOrDefault(name);
        switch (graph.Roles[name])
        {
            case NodeRole.Sticky:
                return new(name, node.Type, NodeOutcome.StickyNote, null, null, null, null, []);
            case NodeRole.Trigger:
                return new(name, node.Type, NodeOutcome.Trigger, null, null, null, null, []);
            case NodeRole.ExtraManualTrigger:
                return new(name, node.Type, NodeOutcome.Trigger, null, null, null, null, ["a further manual trigger: any Toolflow workflow can be run by hand"]);
            case NodeRole.UnsupportedTrigger:
                return new(name, node.Type, NodeOutcome.Unconverted, null, null, UnconvertedKind.UnsupportedTrigger,
                    UnsupportedTriggerReason(node), []);
            case NodeRole.AiSubNode when foldedInto.TryGetValue(name, out var host):
                return new(name, node.Type, NodeOutcome.Folded, host, null, null, null, []);
            case NodeRole.AiSubNode:
                return new(name, node.Type, NodeOutcome.Unconverted, null, null, UnconvertedKind.AiSubNode, SubNodeReason(name), []);
        }

        var mapping = mappings[name];
        return mapping.IsConverted
            ? new(name, node.Type, NodeOutcome.Mapped, id, mapping.Tool, null, null, warnings[name])
            : new(name, node.Type, NodeOutcome.Unconverted, id, null, mapping.Kind, mapping.Reason, warnings[name]);
    }

    private string UnsupportedTriggerReason(N8nNode node) => graph.TriggerName is null
        ? $"trigger type `{node.Type}` has no Toolflow equivalent; the workflow is imported with a manual trigger"
        : TriggerKinds.IsSupported(node)
            ? $"a second trigger: a Toolflow workflow has one, and this one keeps '{graph.TriggerName}'"
            : $"trigger type `{node.Type}` has no Toolflow equivalent (the workflow keeps trigger '{graph.TriggerName}')";

    private string SubNodeReason(string name)
    {
        var links = graph.AiOutOf(name).ToList();
        var text = string.Join(", ", links.Select(c => $"{c.Kind} to '{c.Target}'"));
        var host = links.Select(c => c.Target).FirstOrDefault(t => mappings.TryGetValue(t, out var m) && m.IsConverted);
        return links.Any(c => c.Kind == "ai_memory") && host is not null
            ? $"AI sub-node connection ({text}): conversation memory has no equivalent; '{host}' runs without history"
            : $"AI sub-node connection ({text}) has no equivalent; the node it serves is not converted";
    }
}
