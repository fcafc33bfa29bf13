using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Graph;
using Toolflow.Core.Import.Mapping;
using Toolflow.Core.Import.N8n;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Import;

/// <summary>Turns n8n main connections into edges with branches; every connection is an edge, the trigger's, or reported.</summary>
internal sealed class EdgeBuilder(ImportGraph graph, IReadOnlyDictionary<string, NodeMapping> mappings)
{
    public List<EdgeDefinition> Edges { get; } = [];

    public List<ConnectionReport> Dropped { get; } = [];

    public List<string> Warnings { get; } = [];

    public int TriggerConnections { get; private set; }

    public int Converted { get; private set; }

    public void Build()
    {
        foreach (var c in graph.Main)
        {
            var sourceRole = graph.Roles[c.Source];
            if (sourceRole is NodeRole.Trigger or NodeRole.ExtraManualTrigger)
            {
                TriggerConnections++;
                continue;
            }

            var reason = sourceRole switch
            {
                NodeRole.UnsupportedTrigger => $"it starts at trigger '{c.Source}', which was not converted",
                not NodeRole.Regular => $"'{c.Source}' is not part of the flow",
                _ when graph.Roles[c.Target] != NodeRole.Regular => $"'{c.Target}' is not part of the flow",
                _ when graph.Cycles.TryGetValue(c.Source, out var loop) && loop.Contains(c.Target) => "it closes a loop",
                _ => null,
            };
            string? branch = null;
            reason ??= Branch(c, out branch);
            if (reason is not null)
            {
                Dropped.Add(new ConnectionReport(c.Source, c.Target, c.Kind, c.OutputIndex, reason));
                continue;
            }

            Converted++;
            var edge = new EdgeDefinition { Source = graph.Ids[c.Source], Target = graph.Ids[c.Target], Branch = branch };
            if (Edges.Contains(edge))
            {
                Warnings.Add($"{c} repeats an existing edge (n8n fed two inputs from one output); kept once");
                continue;
            }

            Edges.Add(edge);
        }
    }

    private string? Branch(N8nConnection c, out string? branch)
    {
        branch = null;
        var mapping = mappings[c.Source];
        if (!mapping.IsConverted)
        {
            return null; // a flow.fail placeholder has no branches; the edge keeps the shape of the graph.
        }

        var node = graph.ByName[c.Source];
        var branches = mapping.Branches;
        var errorIndex = branches?.Count ?? 1;
        if (node.OnError == "continueErrorOutput" && c.OutputIndex == errorIndex)
        {
            branch = "error";
            return null;
        }

        if (branches is null)
        {
            return c.OutputIndex == 0 ? null : $"output {c.OutputIndex} of '{c.Source}' has no Toolflow equivalent";
        }

        branch = c.OutputIndex < branches.Count ? branches[c.OutputIndex] : null;
        return branch is null ? $"output {c.OutputIndex} of '{c.Source}' has no Toolflow branch" : null;
    }
}
