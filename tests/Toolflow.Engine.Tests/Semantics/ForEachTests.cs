using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Semantics;

public sealed class ForEachTests
{
    private const string ForEach = """
        { "name": "each", "nodes": [
          { "id": "each", "tool": "test.block", "forEach": "{{ input.items }}", "concurrency": CONCURRENCY, "config": {} } ] }
        """;

    [Fact]
    public async Task Outputs_are_in_item_order_whatever_order_items_finish_in()
    {
        // each(forEach [a,b,c,d], concurrency 4), released d, c, b, a
        var h = new Harness();
        var id = await h.StartAsync(ForEach.Replace("CONCURRENCY", "4", StringComparison.Ordinal), """{"items": ["a","b","c","d"]}""");
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Runs.Count == 4);
        foreach (var i in new[] { 3, 2, 1, 0 })
        {
            h.Block.Release($"each[{i}]");
        }

        JsonAssert.Equal("""{"each":["a","b","c","d"]}""", (await run).Output);
    }

    [Fact]
    public async Task Concurrency_bounds_the_items_running_at_once()
    {
        // each(forEach 4 items, concurrency 2)
        var h = new Harness();
        var id = await h.StartAsync(ForEach.Replace("CONCURRENCY", "2", StringComparison.Ordinal), """{"items": [1,2,3,4]}""");
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Runs.Count == 2);
        await Task.Delay(50);
        Assert.Equal(2, h.Log.Runs.Count);
        h.Block.Release("each[0]");
        await Harness.Until(() => h.Log.Runs.Count == 3);

        // The finished item is checkpointed while the others still run.
        var during = await h.NodeAsync(id, "each");
        Assert.Equal(NodeStatus.Running, during.Status);
        JsonAssert.Equal("1", Assert.Single(during.Items).Value.Output);
        foreach (var i in new[] { 1, 2, 3 })
        {
            h.Block.Release($"each[{i}]");
        }

        JsonAssert.Equal("""{"each":[1,2,3,4]}""", (await run).Output);
    }

    [Fact]
    public async Task Item_and_index_are_in_scope_of_each_item()
    {
        // each(forEach [10,20]) ─► sum
        var h = new Harness();
        var (_, result) = await h.RunAsync("""
            { "name": "scope", "nodes": [
              { "id": "each", "tool": "data.set", "forEach": "{{ [10, 20] }}", "config": { "values": { "v": "{{ item + index }}" } } },
              { "id": "sum", "tool": "code.javascript", "config": { "code": "return nodes.each.output.reduce((s, x) => s + x.v, 0);" } } ],
              "edges": [ { "source": "each", "target": "sum" } ] }
            """);
        JsonAssert.Equal("""{"sum":31}""", result.Output);
    }

    [Fact]
    public async Task A_forEach_that_is_not_an_array_fails_the_node()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "bad", "nodes": [ { "id": "each", "tool": "test.echo", "forEach": "{{ 42 }}", "config": {} } ] }
            """);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(ToolFailureCodes.ForEachNotArray, (await h.NodeAsync(id, "each")).Error!.Code);
    }

    [Fact]
    public async Task An_item_that_fails_for_good_fails_the_node()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "bad item", "nodes": [ { "id": "each", "tool": "test.flaky", "forEach": "{{ [1, 2] }}", "config": { "failTimes": 1, "fatal": true } } ] }
            """);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("each", result.Error!.NodeId);
        Assert.Equal(NodeStatus.Failed, (await h.NodeAsync(id, "each")).Status);
    }

    [Fact]
    public async Task An_empty_array_gives_an_empty_output()
    {
        var h = new Harness();
        var (_, result) = await h.RunAsync("""
            { "name": "empty", "nodes": [ { "id": "each", "tool": "test.echo", "forEach": "{{ [] }}", "config": {} } ] }
            """);
        JsonAssert.Equal("""{"each":[]}""", result.Output);
    }
}
