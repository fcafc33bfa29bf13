using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Expressions;
using Toolflow.Core.Import.Graph;
using Toolflow.Core.Import.Mapping;
using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import;

/// <summary>Converts an n8n workflow export into a Toolflow definition and a report accounting for every node.</summary>
public static class N8nImporter
{
    /// <summary>
    /// Converts <paramref name="json"/>. A broken export throws <see cref="N8nImportException"/>; nodes that
    /// cannot be converted are reported, and either refuse the definition or become flow.fail placeholders.
    /// </summary>
    public static N8nImportResult Convert(string json, N8nImportOptions? options = null)
    {
        options ??= N8nImportOptions.Default;
        var graph = new ImportGraph(N8nDocumentReader.Read(json));
        var plan = new ForEachPlan(graph);
        var resolver = new DataRefResolver(graph, plan);
        var mappings = new Dictionary<string, NodeMapping>(StringComparer.Ordinal);
        var warnings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in graph.Workflow.Nodes.Where(n => graph.Roles[n.Name] == NodeRole.Regular))
        {
            (mappings[node.Name], warnings[node.Name]) = NodeConversion.Map(node, graph, resolver);
        }

        var edges = new EdgeBuilder(graph, mappings);
        edges.Build();
        var assembly = new ImportAssembly(graph, mappings, warnings, plan);
        var nodes = assembly.BuildNodes();
        var report = assembly.BuildReport(edges);
        var definition = new WorkflowDefinition
        {
            Name = string.IsNullOrWhiteSpace(graph.Workflow.Name) ? "Imported n8n workflow" : graph.Workflow.Name,
            Description = assembly.Description(),
            Tags = graph.Workflow.Tags,
            Trigger = assembly.Trigger,
            Nodes = nodes,
            Edges = edges.Edges,
            Output = assembly.Output(report.Warnings),
        };

        foreach (var problem in DefinitionSelfCheck.Check(definition))
        {
            report.Warnings.Add("self-check: " + problem);
        }

        var refused = !report.Report.FullyConverted && !options.Placeholders;
        return new N8nImportResult(refused ? null : definition, report.Report);
    }
}
