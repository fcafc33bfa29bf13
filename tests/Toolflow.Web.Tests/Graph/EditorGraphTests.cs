using Toolflow.Core.Definitions;
using Toolflow.Core.Validation.Formats;
using Toolflow.Server.Web.Graph;

namespace Toolflow.Web.Tests.Graph;

public sealed class EditorGraphTests
{
    private static NodeDefinition Node(string id, NodePosition? at = null) => new() { Id = id, Tool = "data.set", Position = at };

    private static EdgeDefinition Edge(string from, string to) => new() { Source = from, Target = to };

    [Fact]
    public void AGraphWithoutPositions_IsLaidOutInColumnsByLongestPath()
    {
        var graph = EditorGraph.From([Node("a"), Node("b"), Node("c"), Node("d")], [Edge("a", "b"), Edge("b", "d"), Edge("a", "c"), Edge("c", "d"), Edge("a", "d")]);

        var columns = graph.Nodes.ToDictionary(n => n.Id, n => n.X);
        Assert.True(columns["a"] < columns["b"]);
        Assert.Equal(columns["b"], columns["c"]);
        Assert.True(columns["c"] < columns["d"]);
        Assert.NotEqual(graph.Find("b")!.Y, graph.Find("c")!.Y);
    }

    [Fact]
    public void SavedPositions_AreKept()
    {
        var graph = EditorGraph.From([Node("a", new(300, 120)), Node("b", new(10, 10))], [Edge("a", "b")]);

        Assert.Equal((300d, 120d), (graph.Find("a")!.X, graph.Find("a")!.Y));
        Assert.Equal(new NodePosition(10, 10), graph.ToNodes()[1].Position);
    }

    [Fact]
    public void ALongChain_WrapsIntoBands_OfBoundedWidth_WithEachStepNextToTheLast()
    {
        var ids = Enumerable.Range(0, 200).Select(i => $"n{i}").ToList();
        var graph = EditorGraph.From(ids.Select(id => Node(id)), ids.Zip(ids.Skip(1), Edge));

        Assert.True(graph.Nodes.Max(n => n.X) + EditorNode.Width <= EditorGraph.MaxLayoutWidth, $"widest node at x={graph.Nodes.Max(n => n.X)}");
        Assert.Equal(200, graph.Nodes.Select(n => (n.X, n.Y)).Distinct().Count());
        for (var i = 1; i < ids.Count; i++)
        {
            var (before, after) = (graph.Find(ids[i - 1])!, graph.Find(ids[i])!);
            var step = Math.Abs(after.X - before.X);
            // Either the next column of the same band, or straight below at the turn of the snake.
            Assert.True(
                (before.Y == after.Y && step is > 0 and < EditorNode.Width * 2) || (step == 0 && after.Y > before.Y),
                $"{ids[i - 1]} ({before.X},{before.Y}) → {ids[i]} ({after.X},{after.Y})");
        }

        Assert.Equal(200 / EditorGraph.MaxColumns + 1, graph.Nodes.Select(n => n.Y).Distinct().Count());
    }

    [Fact]
    public void SomeSavedPositions_AreKept_AndOnlyTheRestIsLaidOut_BelowThem()
    {
        var graph = EditorGraph.From([Node("a", new(500, 300)), Node("b"), Node("c")], [Edge("a", "b"), Edge("b", "c")]);

        Assert.Equal((500d, 300d), (graph.Find("a")!.X, graph.Find("a")!.Y));
        Assert.True(graph.Find("b")!.Y > 300 + EditorNode.Height);
        Assert.True(graph.Find("b")!.X < graph.Find("c")!.X);
    }

    [Fact]
    public void NodesOnACycle_StillGetAPlace()
    {
        var graph = EditorGraph.From([Node("a"), Node("b")], [Edge("a", "b"), Edge("b", "a")]);

        Assert.Equal(2, graph.Nodes.Select(n => (n.X, n.Y)).Distinct().Count());
    }

    [Fact]
    public void Connect_RefusesSelfLoopsDuplicatesAndMissingNodes()
    {
        var graph = EditorGraph.From([Node("a"), Node("b")], []);

        Assert.True(graph.Connect("a", "b"));
        Assert.False(graph.Connect("a", "b"));
        Assert.False(graph.Connect("a", "a"));
        Assert.False(graph.Connect("a", "zz"));
        Assert.True(graph.Connect("a", "b", "true"));
        Assert.Equal(2, graph.Edges.Count);
    }

    [Fact]
    public void RemovingANode_RemovesItsEdges()
    {
        var graph = EditorGraph.From([Node("a"), Node("b"), Node("c")], [Edge("a", "b"), Edge("b", "c"), Edge("a", "c")]);

        graph.RemoveNode("b");

        Assert.Equal([("a", "c")], graph.Edges.Select(e => (e.Source, e.Target)));
    }

    [Fact]
    public void AddedNodes_GetDistinctValidIds()
    {
        var graph = new EditorGraph();

        var ids = new[] { "data.template", "data.template", "http.request", "x.9bad" }.Select(t => graph.AddNode(t).Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(FormatChecks.IsNodeId(id), id));
    }

    [Fact]
    public void ValidationErrors_GoToTheirNodeAndField()
    {
        var map = new ValidationMap(["a", "b"], new Dictionary<string, string[]>
        {
            ["/nodes/1/config/url"] = ["is required"],
            ["/nodes/0/tool"] = ["unknown tool"],
            ["/nodes/0/config"] = ["missing required property 'template'"],
            ["/edges/0/target"] = ["no such node"],
            ["/nodes/9/config/x"] = ["out of range"],
        });

        Assert.Equal(["a", "b"], map.InvalidNodes.Order());
        Assert.Equal(["is required"], map.ConfigErrors("b")["/url"]);
        Assert.Equal(["tool: unknown tool"], map.NodeErrors("a"));
        Assert.Equal(["missing required property 'template'"], map.ConfigErrors("a")[""]);
        Assert.Equal(["/edges/0/target", "/nodes/9/config/x"], map.WorkflowErrors.Keys.Order());
    }
}
