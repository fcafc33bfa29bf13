using Toolflow.Core.Definitions;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Semantics;

public sealed class ReadinessAndBranchTests
{
    [Fact]
    public async Task Outputs_flow_along_a_chain()
    {
        // a ──► b ──► c
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "chain", "nodes": [
              { "id": "a", "tool": "data.set", "config": { "values": { "n": "{{ input.n }}" } } },
              { "id": "b", "tool": "data.set", "config": { "values": { "n": "{{ nodes.a.output.n + 1 }}" } } },
              { "id": "c", "tool": "data.template", "config": { "template": "n={{ nodes.b.output.n }}" } } ],
              "edges": [ { "source": "a", "target": "b" }, { "source": "b", "target": "c" } ] }
            """, """{"n": 41}""");
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        JsonAssert.Equal("""{"c":{"text":"n=42"}}""", result.Output);
        Assert.Equal(NodeStatus.Completed, (await h.NodeAsync(id, "a")).Status);
    }

    [Fact]
    public async Task Nodes_without_incoming_edges_run_first_and_in_parallel()
    {
        // a   b      (two roots; both must be running before either is released)
        var h = new Harness();
        var id = await h.StartAsync("""
            { "name": "roots", "nodes": [
              { "id": "a", "tool": "test.block", "config": { "value": 1 } },
              { "id": "b", "tool": "test.block", "config": { "value": 2 } } ] }
            """);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Of("a") == 1 && h.Log.Of("b") == 1);
        h.Block.Release("a");
        h.Block.Release("b");
        JsonAssert.Equal("""{"a":1,"b":2}""", (await run).Output);
    }

    [Fact]
    public async Task The_parallelism_limit_bounds_running_nodes()
    {
        // a   b   with MaxParallelNodes = 1: b starts only after a ends
        var h = new Harness(new EngineOptions { MaxParallelNodes = 1 });
        var id = await h.StartAsync("""
            { "name": "limit", "nodes": [
              { "id": "a", "tool": "test.block", "config": { "value": 1 } },
              { "id": "b", "tool": "test.block", "config": { "value": 2 } } ] }
            """);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Of("a") == 1);
        await Task.Delay(50);
        Assert.Equal(0, h.Log.Of("b"));
        h.Block.Release("a");
        await Harness.Until(() => h.Log.Of("b") == 1);
        h.Block.Release("b");
        Assert.Equal(ExecutionStatus.Completed, (await run).Status);
    }

    [Fact]
    public async Task Only_the_taken_branch_runs_and_skips_propagate()
    {
        // start ─► cond ─true──► yes ─► after_yes
        //               └false─► no ──► after_no
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "branch", "nodes": [
              { "id": "start", "tool": "data.set", "config": { "values": { "n": 5 } } },
              { "id": "cond", "tool": "flow.condition", "config": { "expression": "{{ nodes.start.output.n > 3 }}" } },
              { "id": "yes", "tool": "test.echo", "config": { "value": "yes" } },
              { "id": "after_yes", "tool": "test.echo", "config": { "value": "{{ nodes.yes.output }}!" } },
              { "id": "no", "tool": "test.echo", "config": { "value": "no" } },
              { "id": "after_no", "tool": "test.echo", "config": { "value": "never" } } ],
              "edges": [ { "source": "start", "target": "cond" },
                { "source": "cond", "target": "yes", "branch": "true" }, { "source": "yes", "target": "after_yes" },
                { "source": "cond", "target": "no", "branch": "false" }, { "source": "no", "target": "after_no" } ] }
            """);
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        JsonAssert.Equal("""{"result":true}""", (await h.NodeAsync(id, "cond")).Output);
        Assert.Equal("true", (await h.NodeAsync(id, "cond")).Branch);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "no")).Status);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "after_no")).Status);
        Assert.Equal(0, h.Log.Of("no") + h.Log.Of("after_no"));
        JsonAssert.Equal("""{"after_yes":"yes!"}""", result.Output);
    }

    [Fact]
    public async Task A_node_runs_when_at_least_one_incoming_edge_is_active()
    {
        // cond ─true──► yes ─┐
        //      └false─► no ──┴─► merge      (merge runs with yes only)
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "merge", "nodes": [
              { "id": "cond", "tool": "flow.condition", "config": { "expression": "{{ input.go }}" } },
              { "id": "yes", "tool": "test.echo", "config": { "value": "Y" } },
              { "id": "no", "tool": "test.echo", "config": { "value": "N" } },
              { "id": "merge", "tool": "flow.merge", "config": {} } ],
              "edges": [ { "source": "cond", "target": "yes", "branch": "true" }, { "source": "cond", "target": "no", "branch": "false" },
                { "source": "yes", "target": "merge" }, { "source": "no", "target": "merge" } ] }
            """, """{"go": false}""");
        JsonAssert.Equal("""{"merge":{"no":"N"}}""", result.Output);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "yes")).Status);
    }

    [Fact]
    public async Task A_node_whose_incoming_edges_are_all_inactive_is_skipped()
    {
        // cond ─true─► a ─► c ◄─ b ◄─false─ cond   with cond false: a skipped; b runs; c runs via b
        // sw ─"x"─► x     sw ─default─► d   with value "y": x skipped, d runs
        var h = new Harness();
        var (id, _) = await h.RunAsync("""
            { "name": "skips", "nodes": [
              { "id": "sw", "tool": "flow.switch", "config": { "value": "{{ input.v }}", "cases": ["x", "z"] } },
              { "id": "x", "tool": "test.echo", "config": { "value": 1 } },
              { "id": "z", "tool": "test.echo", "config": { "value": 2 } },
              { "id": "d", "tool": "test.echo", "config": { "value": 3 } },
              { "id": "xz", "tool": "test.echo", "config": { "value": 4 } } ],
              "edges": [ { "source": "sw", "target": "x", "branch": "x" }, { "source": "sw", "target": "z", "branch": "z" },
                { "source": "sw", "target": "d", "branch": "default" },
                { "source": "x", "target": "xz" }, { "source": "z", "target": "xz" } ] }
            """, """{"v": "y"}""");
        Assert.Equal("default", (await h.NodeAsync(id, "sw")).Branch);
        JsonAssert.Equal("""{"value":"y"}""", (await h.NodeAsync(id, "sw")).Output);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "x")).Status);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "z")).Status);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "xz")).Status);
        Assert.Equal(NodeStatus.Completed, (await h.NodeAsync(id, "d")).Status);
    }

    [Fact]
    public async Task A_switch_takes_the_matching_case()
    {
        // sw ─"b"─► hit
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "switch", "nodes": [
              { "id": "sw", "tool": "flow.switch", "config": { "value": "{{ input.v }}", "cases": ["a", "b"] } },
              { "id": "hit", "tool": "test.echo", "config": { "value": "hit" } } ],
              "edges": [ { "source": "sw", "target": "hit", "branch": "b" } ] }
            """, """{"v": "b"}""");
        Assert.Equal("b", (await h.NodeAsync(id, "sw")).Branch);
        JsonAssert.Equal("""{"hit":"hit"}""", result.Output);
    }
}
