using Toolflow.Generation.Eval;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Tests.Eval;

/// <summary>The goals for the offline planner, held on both splits of generation-eval (the held-out split was never tuned on).</summary>
public sealed class EvaluationGoalsTests
{
    private static readonly IReadOnlyList<EvalCase> Cases = EvalCase.Load(Path.Combine(AppContext.BaseDirectory, "generation-eval", "prompts.jsonl"));

    [Fact]
    public void Prompts_CoverEveryToolAndTrigger_WithAHeldOutSplit()
    {
        Assert.True(Cases.Count >= 80);
        Assert.True(Cases.Count(c => c.Split == "holdout") >= 30);
        Assert.Equal(Tools.Catalog.ToolCatalog.BuiltIn.All.Select(t => t.Name).Order(), Cases.SelectMany(c => c.Nodes).Distinct().Order());
        Assert.Equal(["manual", "schedule", "webhook", "workflow"], Cases.Select(c => c.Trigger).Distinct().Order());
    }

    [Theory]
    [InlineData("tune")]
    [InlineData("holdout")]
    [InlineData("fresh")]
    [InlineData("probe")]
    [InlineData("probe2")]
    [InlineData("probe3")]
    public async Task OfflinePlanner_MeetsTheGoals(string split)
    {
        var results = await new EvalRunner(new OfflineDrafter()).RunAsync(Cases.Where(c => c.Split == split));
        var summary = EvalRunner.Summarise(split, results);

        Assert.True(summary.Validity == 1.0, summary.ToString());
        Assert.True(summary.NodeF1 >= 0.85, summary.ToString());
        Assert.True(summary.TriggerAccuracy >= 0.9, summary.ToString());
    }

    [Fact]
    public void Metrics_ScoreKnownGraphs()
    {
        var reference = new ToolGraph(["http.request", "llm.chat", "email.send"], [(0, 1), (1, 2)]);
        var missing = new ToolGraph(["http.request", "email.send"], [(0, 1)]);

        Assert.Equal(1.0, GraphMetrics.F1(reference.Nodes, reference.Nodes));
        Assert.Equal(0.8, GraphMetrics.F1(missing.Nodes, reference.Nodes), 3);
        Assert.Equal(0.0, GraphMetrics.F1(missing.EdgeLabels, reference.EdgeLabels));
        Assert.Equal(0, GraphMetrics.EditDistance(reference, reference));

        // Relabel email.send as llm.chat (keeping the edge), insert email.send and the edge to it.
        Assert.Equal(3, GraphMetrics.EditDistance(missing, reference));
    }
}
