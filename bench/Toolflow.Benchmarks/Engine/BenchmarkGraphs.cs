using Toolflow.Core.Definitions;

namespace Toolflow.Benchmarks.Engine;

/// <summary>The two shapes every engine runs: a 10-node chain and a 1 → 8 → 1 fan-out/fan-in.</summary>
internal static class BenchmarkGraphs
{
    public const int FanWidth = 8;

    public static WorkflowDefinition Linear(string tool) => new()
    {
        Name = "linear-10",
        Nodes = [.. Enumerable.Range(0, 10).Select(i => new NodeDefinition { Id = $"s{i}", Tool = tool })],
        Edges = [.. Enumerable.Range(0, 9).Select(i => new EdgeDefinition { Source = $"s{i}", Target = $"s{i + 1}" })],
    };

    public static WorkflowDefinition FanOutFanIn(string tool) => new()
    {
        Name = "fan-1-8-1",
        Nodes =
        [
            new NodeDefinition { Id = "start", Tool = tool },
            .. Enumerable.Range(0, FanWidth).Select(i => new NodeDefinition { Id = $"m{i}", Tool = tool }),
            new NodeDefinition { Id = "end", Tool = tool },
        ],
        Edges =
        [
            .. Enumerable.Range(0, FanWidth).Select(i => new EdgeDefinition { Source = "start", Target = $"m{i}" }),
            .. Enumerable.Range(0, FanWidth).Select(i => new EdgeDefinition { Source = $"m{i}", Target = "end" }),
        ],
    };
}
