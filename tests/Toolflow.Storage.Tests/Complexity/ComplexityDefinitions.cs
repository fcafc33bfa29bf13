using System.Text.Json;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Tests.Complexity;

/// <summary>Definitions of varied shape for proving the SQL and C# complexity scores agree.</summary>
internal static class ComplexityDefinitions
{
    public static readonly IReadOnlyDictionary<string, WorkflowDefinition> All = Build();

    public static TheoryData<string> Names => [.. All.Keys];

    public static string JsonOf(string name) => JsonSerializer.Serialize(All[name], DefinitionJsonContext.Default.WorkflowDefinition);

    private static Dictionary<string, WorkflowDefinition> Build()
    {
        var d = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal)
        {
            ["empty"] = Def([], []),
            ["single node"] = Def([N("a")], []),
            ["linear of five"] = Def([N("a"), N("b"), N("c"), N("d"), N("e")], [E("a", "b"), E("b", "c"), E("c", "d"), E("d", "e")]),
            ["diamond"] = Def([N("a"), N("b"), N("c"), N("d")], [E("a", "b"), E("a", "c"), E("b", "d"), E("c", "d")]),
            ["condition with true and false branches"] = Def(
                [N("fetch", "http.request"), N("ok", "flow.condition"), N("yes"), N("no"), N("mail", "email.send")],
                [E("fetch", "ok"), E("ok", "yes", "true"), E("ok", "no", "false"), E("yes", "mail")]),
            ["switch with three cases"] = Def(
                [N("s", "flow.switch"), N("x"), N("y"), N("z"), N("merge", "flow.merge")],
                [E("s", "x", "a"), E("s", "y", "b"), E("s", "z", "default"), E("x", "merge"), E("y", "merge"), E("z", "merge")]),
            ["onError branch"] = Def(
                [N("call", "http.request", onError: OnErrorMode.Branch), N("fallback"), N("next")],
                [E("call", "fallback", "error"), E("call", "next")]),
            ["onError continue and fail are not branching"] = Def(
                [N("a", onError: OnErrorMode.Continue), N("b", onError: OnErrorMode.Fail)], [E("a", "b")]),
            ["forEach in a chain"] = Def(
                [N("list"), N("each", "http.request", forEach: "{{ nodes.list.output.items }}"), N("sum")],
                [E("list", "each"), E("each", "sum")]),
            ["empty forEach is not counted"] = Def([N("a", forEach: ""), N("b")], [E("a", "b")]),
            ["sub-workflows"] = Def(
                [N("a", "flow.subworkflow"), N("b", "flow.subworkflow"), N("c")], [E("a", "c"), E("b", "c")]),
            ["everything at once"] = Def(
                [
                    N("in"), N("cond", "flow.condition", onError: OnErrorMode.Branch), N("loop", "code.javascript", forEach: "{{ input.items }}"),
                    N("child", "flow.subworkflow", forEach: "{{ item }}"), N("sw", "flow.switch"), N("out", "flow.merge"),
                ],
                [E("in", "cond"), E("cond", "loop", "true"), E("cond", "child", "false"), E("loop", "sw"), E("child", "sw"), E("sw", "out", "default")]),
            ["chain of two hundred"] = Chain(200),
            ["two hundred in layers"] = Layers(20, 10),
            ["ten diamonds in a row"] = Diamonds(10),
            ["fan out to fifty"] = Def(
                [N("root"), .. Enumerable.Range(0, 50).Select(i => N($"leaf{i}"))],
                [.. Enumerable.Range(0, 50).Select(i => E("root", $"leaf{i}"))]),
            ["two-node cycle"] = Def([N("a"), N("b")], [E("a", "b"), E("b", "a")]),
            ["cycle with a tail and a separate chain"] = Def(
                [N("a"), N("b"), N("c"), N("x"), N("y"), N("z")],
                [E("a", "b"), E("b", "a"), E("b", "c"), E("x", "y"), E("y", "z")]),
            ["chain feeding a cycle"] = Def(
                [N("p"), N("q"), N("r"), N("s")], [E("p", "q"), E("q", "r"), E("r", "s"), E("s", "r")]),
            ["self loop"] = Def([N("a"), N("b")], [E("a", "a"), E("a", "b")]),
            ["edges to unknown nodes"] = Def(
                [N("a"), N("b")], [E("a", "b"), E("a", "ghost"), E("phantom", "b"), E("ghost", "phantom")]),
            ["duplicate node ids"] = Def(
                [N("a", "flow.condition"), N("a", "flow.condition"), N("b"), N("c")], [E("a", "b"), E("b", "c")]),
            ["duplicate edges"] = Def([N("a"), N("b"), N("c")], [E("a", "b"), E("a", "b"), E("b", "c")]),
            ["ids out of order"] = Def([N("z"), N("m"), N("a")], [E("z", "m"), E("m", "a")]),
            ["tool instance node"] = Def(
                [new NodeDefinition { Id = "inst", ToolInstanceId = "11111111-1111-1111-1111-111111111111" }, N("b")], [E("inst", "b")]),
            ["disconnected parts of different depth"] = Def(
                [N("a"), N("b"), N("c"), N("x"), N("y"), N("lonely")], [E("a", "b"), E("b", "c"), E("x", "y")]),
            ["a thousand nodes at random"] = RandomDag(1000, 2500, seed: 42),
        };
        return d;
    }

    private static WorkflowDefinition Def(IReadOnlyList<NodeDefinition> nodes, IReadOnlyList<EdgeDefinition> edges) =>
        new() { Name = "complexity", Nodes = nodes, Edges = edges };

    private static NodeDefinition N(string id, string tool = "data.set", string? forEach = null, OnErrorMode? onError = null) =>
        new() { Id = id, Tool = tool, ForEach = forEach, OnError = onError };

    private static EdgeDefinition E(string source, string target, string? branch = null) =>
        new() { Source = source, Target = target, Branch = branch };

    private static WorkflowDefinition Chain(int length) => Def(
        [.. Enumerable.Range(0, length).Select(i => N($"n{i}"))],
        [.. Enumerable.Range(1, length - 1).Select(i => E($"n{i - 1}", $"n{i}"))]);

    private static WorkflowDefinition Layers(int layers, int width)
    {
        var nodes = new List<NodeDefinition>();
        var edges = new List<EdgeDefinition>();
        for (var l = 0; l < layers; l++)
        {
            for (var w = 0; w < width; w++)
            {
                nodes.Add(N($"l{l}w{w}", w % 7 == 0 ? "flow.condition" : "data.set", forEach: w % 5 == 0 ? "{{ input.xs }}" : null));
                if (l > 0)
                {
                    edges.Add(E($"l{l - 1}w{w}", $"l{l}w{w}"));
                    edges.Add(E($"l{l - 1}w{(w + 3) % width}", $"l{l}w{w}"));
                }
            }
        }

        return Def(nodes, edges);
    }

    private static WorkflowDefinition Diamonds(int count)
    {
        var nodes = new List<NodeDefinition> { N("d0") };
        var edges = new List<EdgeDefinition>();
        for (var i = 1; i <= count; i++)
        {
            nodes.AddRange([N($"l{i}"), N($"r{i}"), N($"d{i}")]);
            edges.AddRange([E($"d{i - 1}", $"l{i}"), E($"d{i - 1}", $"r{i}"), E($"l{i}", $"d{i}"), E($"r{i}", $"d{i}")]);
        }

        return Def(nodes, edges);
    }

    private static WorkflowDefinition RandomDag(int nodeCount, int edgeCount, int seed)
    {
        // Deterministic pseudo-randomness so a failure reproduces; edges go from lower to higher index.
#pragma warning disable CA5394 // Not security-sensitive: test data only.
        var random = new Random(seed);
        var tools = new[] { "data.set", "flow.condition", "flow.switch", "flow.subworkflow", "http.request" };
        var nodes = Enumerable.Range(0, nodeCount).Select(i => N($"n{i}", tools[random.Next(tools.Length)],
            forEach: random.Next(10) == 0 ? "{{ input.items }}" : null,
            onError: random.Next(20) == 0 ? OnErrorMode.Branch : null)).ToList();
        var edges = Enumerable.Range(0, edgeCount).Select(_ =>
        {
            var a = random.Next(nodeCount - 1);
            var b = random.Next(a + 1, nodeCount);
            return E($"n{a}", $"n{b}");
        }).ToList();
#pragma warning restore CA5394
        return Def(nodes, edges);
    }
}
