using System.Text;
using Toolflow.Core.Import;
using Toolflow.Core.Import.Report;
using Toolflow.Core.Validation;
using Toolflow.Tools.Catalog;
using Xunit.Abstractions;

namespace Toolflow.Core.Tests.Import;

/// <summary>
/// Computes the corpus figures of docs/IMPORT.md and writes them to import-figures.md in the test output folder:
/// <c>dotnet test tests/Toolflow.Core.Tests --filter CorpusFigures --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class CorpusFiguresTests(ITestOutputHelper output)
{
    private static readonly WorkflowValidator Validator = new(ToolCatalog.BuiltIn);

    [Fact]
    public void CorpusFigures_AreComputedOverEveryValidFile()
    {
        var results = N8nCorpus.Files("valid")
            .Select(f => N8nImporter.Convert(File.ReadAllText(f), new N8nImportOptions { Placeholders = true, Validator = Validator })).ToList();
        var reports = results.Select(r => r.Report).ToList();
        var sound = results.Count(r => r.Definition is not null && Validator.Validate(r.Definition).IsValid);
        var nodes = reports.SelectMany(r => r.Nodes).ToList();
        var nonSticky = nodes.Where(n => n.Outcome != NodeOutcome.StickyNote).ToList();
        var accounted = nonSticky.Count(n => n.Outcome != NodeOutcome.Unconverted);
        var text = new StringBuilder()
            .AppendLine($"files: {reports.Count}; fully converted: {reports.Count(r => r.FullyConverted)} ({Percent(reports.Count(r => r.FullyConverted), reports.Count)})")
            .AppendLine($"with --placeholders, definitions passing `toolflow validate`: {sound} / {results.Count}")
            .AppendLine($"n8n nodes (sticky notes excluded): {nonSticky.Count}; mapped, trigger or folded: {accounted} ({Percent(accounted, nonSticky.Count)})")
            .AppendLine($"  mapped to a tool: {nonSticky.Count(n => n.Outcome == NodeOutcome.Mapped)}, trigger: {nonSticky.Count(n => n.Outcome == NodeOutcome.Trigger)}, folded AI sub-nodes: {nonSticky.Count(n => n.Outcome == NodeOutcome.Folded)}, unconverted: {nonSticky.Count(n => n.Outcome == NodeOutcome.Unconverted)}")
            .AppendLine($"main connections: {reports.Sum(r => r.Counts.MainConnections)}; edges: {reports.Sum(r => r.Counts.Edges)}; from the trigger: {reports.Sum(r => r.Counts.TriggerConnections)}; dropped: {reports.Sum(r => r.Counts.DroppedConnections)}")
            .AppendLine()
            .AppendLine("unconverted by reason:");
        foreach (var group in nonSticky.Where(n => n.Kind is not null).GroupBy(n => n.Kind).OrderByDescending(g => g.Count()))
        {
            text.AppendLine($"  {group.Key}: {group.Count()}");
        }

        text.AppendLine().AppendLine("most common unconverted node types:");
        foreach (var group in nonSticky.Where(n => n.Outcome == NodeOutcome.Unconverted).GroupBy(n => n.N8nType).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(20))
        {
            text.AppendLine($"  {group.Count(),4}  {group.Key}");
        }

        text.AppendLine().AppendLine("15 most common node types (sticky notes excluded): mapped / total");
        foreach (var group in nonSticky.GroupBy(n => n.N8nType).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(15))
        {
            text.AppendLine($"  {group.Count(n => n.Outcome != NodeOutcome.Unconverted),4} / {group.Count(),4}  {group.Key}");
        }

        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "import-figures.md"), text.ToString());
        output.WriteLine(text.ToString());
        Assert.Equal(278, reports.Count);
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0} %";
}
