using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;
using Toolflow.Generation.Pipeline;
using Toolflow.Tools.Catalog;

namespace Toolflow.Generation.Eval;

/// <summary>The result of one prompt.</summary>
public sealed record CaseResult(EvalCase Case, bool Valid, string? Trigger, ToolGraph? Graph, double NodeF1, double EdgeF1, int EditDistance, int Attempts, IReadOnlyList<string> NotUnderstood);

/// <summary>The figures of one split.</summary>
public sealed record EvalSummary(string Split, int Count, double Validity, double TriggerAccuracy, double NodeF1, double EdgeF1, double EditDistance, double Attempts)
{
    public override string ToString() =>
        $"{Split,-8} n={Count,3}  valid {Validity:P1}  trigger {TriggerAccuracy:P1}  node F1 {NodeF1:0.000}  edge F1 {EdgeF1:0.000}  GED {EditDistance:0.00}  drafts {Attempts:0.00}";
}

/// <summary>Runs the generator over the prompts and scores every answer against its reference.</summary>
public sealed class EvalRunner(IWorkflowDrafter drafter)
{
    private readonly WorkflowValidator validator = new(ToolCatalog.BuiltIn);

    public async Task<IReadOnlyList<CaseResult>> RunAsync(IEnumerable<EvalCase> cases, CancellationToken cancellationToken = default)
    {
        var generator = new WorkflowGenerator(ToolCatalog.BuiltIn, validator, drafter, TimeProvider.System);
        var results = new List<CaseResult>();
        foreach (var c in cases)
        {
            var reference = new ToolGraph(c.Nodes, c.Edges);
            GenerationOutcome outcome;
            try
            {
                outcome = await generator.GenerateAsync(new GenerationRequest(c.Prompt), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                results.Add(new CaseResult(c, false, null, null, 0, 0, GraphMetrics.EditDistance(new ToolGraph([], []), reference), 0, [ex.Message]));
                continue;
            }

            // Checked again here, independently of the generator's own loop.
            var valid = outcome.Succeeded && outcome.Definition is { } d && validator.Validate(d).IsValid;
            if (!valid || outcome.Definition is null)
            {
                results.Add(new CaseResult(c, false, null, null, 0, 0, GraphMetrics.EditDistance(new ToolGraph([], []), reference), outcome.Attempts, outcome.NotUnderstood));
                continue;
            }

            var graph = ToGraph(outcome.Definition);
            var trigger = (outcome.Definition.Trigger?.Type ?? TriggerType.Manual).ToString().ToLowerInvariant();
            results.Add(new CaseResult(c, true, trigger, graph,
                GraphMetrics.F1(graph.Nodes, reference.Nodes), GraphMetrics.F1(graph.EdgeLabels, reference.EdgeLabels),
                GraphMetrics.EditDistance(graph, reference), outcome.Attempts, outcome.NotUnderstood));
        }

        return results;
    }

    public static ToolGraph ToGraph(WorkflowDefinition definition)
    {
        var index = definition.Nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var edges = definition.Edges.Select(e => (index[e.Source], index[e.Target])).Distinct().ToList();
        return new ToolGraph([.. definition.Nodes.Select(n => n.Tool ?? "instance")], edges);
    }

    public static EvalSummary Summarise(string split, IReadOnlyList<CaseResult> results) => new(
        split, results.Count,
        results.Count(r => r.Valid) / (double)Math.Max(1, results.Count),
        results.Count(r => r.Trigger == r.Case.Trigger) / (double)Math.Max(1, results.Count),
        results.Select(r => r.NodeF1).DefaultIfEmpty().Average(),
        results.Select(r => r.EdgeF1).DefaultIfEmpty().Average(),
        results.Select(r => (double)r.EditDistance).DefaultIfEmpty().Average(),
        results.Select(r => (double)r.Attempts).DefaultIfEmpty().Average());
}
