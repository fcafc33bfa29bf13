using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.QueueBench;

/// <summary>The two graphs every system runs: a 10-node chain and 1 → 8 → 1, ten nodes each.</summary>
internal sealed record Shape(string Name, int Nodes, int FanOut)
{
    public static readonly Shape Chain = new("10-node chain", 10, 0);

    public static readonly Shape Fan = new("1 → 8 → 1", 10, 8);

    public static IReadOnlyList<Shape> All => [Chain, Fan];

    /// <summary>The Toolflow definition: data.set nodes, edges of the chain or of the fan.</summary>
    public WorkflowDefinition Definition()
    {
        var nodes = Enumerable.Range(0, Nodes).Select(i => new NodeDefinition
        {
            Id = $"n{i}",
            Tool = "data.set",
            Config = new JsonObject { ["values"] = new JsonObject { ["step"] = i } },
        }).ToList();
        var edges = FanOut == 0
            ? Enumerable.Range(0, Nodes - 1).Select(i => Edge(i, i + 1)).ToList()
            : [.. Enumerable.Range(1, FanOut).Select(i => Edge(0, i)), .. Enumerable.Range(1, FanOut).Select(i => Edge(i, FanOut + 1))];
        return new WorkflowDefinition
        {
            Name = $"queuebench {Name}",
            Nodes = nodes,
            Edges = edges,
            Trigger = new TriggerDefinition { Type = TriggerType.Manual },
        };
    }

    private static EdgeDefinition Edge(int from, int to) => new() { Source = $"n{from}", Target = $"n{to}" };
}
