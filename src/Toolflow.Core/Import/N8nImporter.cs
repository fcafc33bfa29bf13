using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Expressions;
using Toolflow.Core.Import.Graph;
using Toolflow.Core.Import.Mapping;
using Toolflow.Core.Import.N8n;
using Toolflow.Core.Import.Report;
using Toolflow.Core.Validation;

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
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; ; round++)
        {
            var (definition, report) = ConvertOnce(json, refused);
            var newlyRefused = options.Validator is null || round >= MaxValidationRounds ? [] : Refusals(options.Validator, definition, report, refused);
            if (newlyRefused.Count == 0)
            {
                var withheld = !report.FullyConverted && !options.Placeholders;
                return new N8nImportResult(withheld ? null : definition, report);
            }

            foreach (var (name, reason) in newlyRefused)
            {
                refused[name] = reason;
            }
        }
    }

    // A refused node can only make its dependants' references fail, and those are found in the next round.
    private const int MaxValidationRounds = 4;

    /// <summary>The n8n nodes whose converted form breaks a validator rule, with the first problem of each.</summary>
    private static Dictionary<string, string> Refusals(WorkflowValidator validator, WorkflowDefinition definition, ImportReport report, Dictionary<string, string> already)
    {
        var byId = report.Nodes.Where(n => n.NodeId is not null && n.Outcome == NodeOutcome.Mapped).ToDictionary(n => n.NodeId!, n => n.N8nName, StringComparer.Ordinal);
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var problem in validator.Validate(definition).Problems)
        {
            var segments = JsonPointers.Segments(problem.Pointer);
            if (segments.Count < 2 || segments[0] != "nodes" || !int.TryParse(segments[1], out var index) || index >= definition.Nodes.Count)
            {
                continue;
            }

            if (byId.TryGetValue(definition.Nodes[index].Id, out var name) && !already.ContainsKey(name))
            {
                found.TryAdd(name, $"the converted node does not pass validation: {problem.Message} (at {problem.Pointer})");
            }
        }

        return found;
    }

    private static (WorkflowDefinition Definition, ImportReport Report) ConvertOnce(string json, IReadOnlyDictionary<string, string> refused)
    {
        var graph = new ImportGraph(N8nDocumentReader.Read(json));
        var plan = new ForEachPlan(graph);
        var resolver = new DataRefResolver(graph, plan);
        var mappings = new Dictionary<string, NodeMapping>(StringComparer.Ordinal);
        var warnings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in graph.Workflow.Nodes.Where(n => graph.Roles[n.Name] == NodeRole.Regular))
        {
            (mappings[node.Name], warnings[node.Name]) = NodeConversion.Map(node, graph, resolver, refused.GetValueOrDefault(node.Name));
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

        return (definition, report.Report);
    }
}
