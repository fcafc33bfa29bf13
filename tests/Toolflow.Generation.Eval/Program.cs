using Toolflow.Generation.Eval;
using Toolflow.Generation.Pipeline;

// dotnet run --project tests/Toolflow.Generation.Eval [-- --verbose] [--file PATH]
// Scores the offline planner on the tune and held-out splits; with Generation__Provider (openai|ollama),
// Generation__Model, Generation__BaseUrl and Generation__ApiKey set in the environment, the model too.
var verbose = args.Contains("--verbose");
var promptIndex = Array.IndexOf(args, "--prompt");
if (promptIndex >= 0 && promptIndex + 1 < args.Length)
{
    // Shows one generation in full: the definition, the report and the conversation.
    var generator = new WorkflowGenerator(Toolflow.Tools.Catalog.ToolCatalog.BuiltIn, new Toolflow.Core.Validation.WorkflowValidator(Toolflow.Tools.Catalog.ToolCatalog.BuiltIn), new OfflineDrafter(), TimeProvider.System);
    var outcome = await generator.GenerateAsync(new GenerationRequest(args[promptIndex + 1]));
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(outcome.Definition, Toolflow.Core.Definitions.DefinitionJsonContext.Default.WorkflowDefinition));
    Console.WriteLine("not understood: " + string.Join(" | ", outcome.NotUnderstood));
    Console.WriteLine("to-dos: " + string.Join(" | ", outcome.Todos));
    Console.WriteLine($"succeeded={outcome.Succeeded} attempts={outcome.Attempts} {string.Join("; ", outcome.LastProblems)}");
    return;
}

var fileIndex = Array.IndexOf(args, "--file");
var path = fileIndex >= 0 && fileIndex + 1 < args.Length ? args[fileIndex + 1] : EvalCase.DefaultPath();
var cases = EvalCase.Load(path);
Console.WriteLine($"{cases.Count} prompts from {path}");

var drafters = new List<IWorkflowDrafter> { new OfflineDrafter() };
if (EvalModel.FromEnvironment() is { } model)
{
    drafters.Add(model);
}

foreach (var drafter in drafters)
{
    var results = await new EvalRunner(drafter).RunAsync(cases);
    Console.WriteLine();
    Console.WriteLine($"== {drafter.Model}");
    foreach (var split in new[] { "tune", "holdout", "fresh", "probe", "probe2", "probe3" })
    {
        Console.WriteLine(EvalRunner.Summarise(split, [.. results.Where(r => r.Case.Split == split)]));
    }

    Console.WriteLine(EvalRunner.Summarise("all", results));
    if (verbose)
    {
        foreach (var r in results.Where(r => !r.Valid || r.NodeF1 < 1 || r.EdgeF1 < 1 || r.Trigger != r.Case.Trigger))
        {
            Console.WriteLine($"  {r.Case.Id} valid={r.Valid} trigger={r.Trigger}/{r.Case.Trigger} nodeF1={r.NodeF1:0.00} edgeF1={r.EdgeF1:0.00} GED={r.EditDistance}");
            Console.WriteLine($"     prompt:    {r.Case.Prompt}");
            Console.WriteLine($"     generated: {(r.Graph is null ? "-" : string.Join(", ", r.Graph.Nodes) + " | " + string.Join(", ", r.Graph.EdgeLabels))}");
            Console.WriteLine($"     reference: {string.Join(", ", r.Case.Nodes)} | {string.Join(", ", new ToolGraph(r.Case.Nodes, r.Case.Edges).EdgeLabels)}");
        }
    }
}
