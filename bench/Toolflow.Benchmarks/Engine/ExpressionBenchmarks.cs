using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;

namespace Toolflow.Benchmarks.Engine;

/// <summary>
/// Evaluating cached expressions in the pooled Jint sandbox (issue 3's "evaluating a cached expression").
/// Run: dotnet run -c Release --project bench/Toolflow.Benchmarks -- --filter '*ExpressionBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class ExpressionBenchmarks
{
    private readonly ExpressionEvaluator _evaluator = new(new JavaScriptSandbox(SandboxLimits.Expressions));
    private readonly ExpressionScope _scope = new()
    {
        Input = JsonNode.Parse("""{"topic":"news","n":3}"""),
        Nodes = new Dictionary<string, JsonNode?>
        {
            ["fetch"] = JsonNode.Parse("""{"status":200,"body":{"items":[1,2,3]}}"""),
            ["other"] = JsonNode.Parse("""{"big":"not converted unless mentioned"}"""),
        },
    };

    private readonly JsonObject _config = JsonNode.Parse("""{"url":"https://x/?q={{ input.topic }}","ok":"{{ nodes.fetch.output.status == 200 }}","n":5}""")!.AsObject();

    [Benchmark(Baseline = true)]
    public JsonNode? Constant() => _evaluator.Evaluate("{{ 1 + 1 }}", ExpressionScope.Empty);

    [Benchmark]
    public JsonNode? InputField() => _evaluator.Evaluate("{{ input.n * 2 }}", _scope);

    [Benchmark]
    public JsonNode? NodeOutputInterpolated() => _evaluator.Evaluate("status {{ nodes.fetch.output.status }} of {{ nodes.fetch.output.body.items.length }}", _scope);

    [Benchmark]
    public JsonObject ResolveConfig() => _evaluator.ResolveConfig(_config, _scope, "n");
}
