using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Generation.Eval;

/// <summary>
/// One prompt of generation-eval/prompts.jsonl and its reference workflow, written as the graph the
/// metrics compare: the trigger type, the tools of the nodes, and the edges between them (by index).
/// </summary>
public sealed record EvalCase(string Id, string Split, string Prompt, string Trigger, IReadOnlyList<string> Nodes, IReadOnlyList<(int Source, int Target)> Edges)
{
    public static IReadOnlyList<EvalCase> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(Parse)];

    private static EvalCase Parse(string line)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        return new EvalCase(
            (string)o["id"]!, (string)o["split"]!, (string)o["prompt"]!, (string)o["trigger"]!,
            [.. o["nodes"]!.AsArray().Select(n => (string)n!)],
            [.. o["edges"]!.AsArray().Select(e => ((int)e![0]!, (int)e[1]!))]);
    }

    /// <summary>The prompts file, found from the working directory up to the repository root.</summary>
    public static string DefaultPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Toolflow.Generation.Tests", "generation-eval", "prompts.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("generation-eval/prompts.jsonl not found above " + Directory.GetCurrentDirectory());
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
