using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Semantics;

public sealed class OnErrorTests
{
    [Fact]
    public async Task Fail_ends_the_execution_and_cancels_running_nodes()
    {
        // gate ─► boom(fail)
        // slow(block) ─► after        boom fails while slow runs: slow cancelled, after never runs
        var h = new Harness();
        var id = await h.StartAsync("""
            { "name": "fail", "nodes": [
              { "id": "gate", "tool": "test.block", "config": {} },
              { "id": "boom", "tool": "flow.fail", "config": { "message": "boom" } },
              { "id": "slow", "tool": "test.block", "config": {} },
              { "id": "after", "tool": "test.echo", "config": {} } ],
              "edges": [ { "source": "gate", "target": "boom" }, { "source": "slow", "target": "after" } ] }
            """);
        var run = h.Engine.RunAsync(id);
        await Harness.Until(() => h.Log.Of("slow") == 1 && h.Log.Of("gate") == 1);
        h.Block.Release("gate");
        var result = await run;
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("boom", result.Error!.Message);
        Assert.Equal("boom", result.Error.NodeId);
        Assert.Equal(ToolFailureCodes.Fail, result.Error.Code);
        Assert.True(result.Error.Retryable); // the failing node's own flag: flow.fail is retryable unless its config says "retryable": false
        var slow = await h.NodeAsync(id, "slow");
        Assert.Equal(NodeStatus.Cancelled, slow.Status);
        Assert.Equal(1, slow.Attempts); // it was in its first attempt when cancelled, not "never tried"
        Assert.Equal(1, h.Block.Cancelled.GetValueOrDefault("slow"));
        Assert.False((await h.SnapshotAsync(id)).Nodes.ContainsKey("after"));
        Assert.Equal(0, h.Log.Of("after"));
    }

    [Fact]
    public async Task Continue_gives_an_error_output_and_the_graph_goes_on()
    {
        // boom(continue) ─► after      after reads the error
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "continue", "nodes": [
              { "id": "boom", "tool": "flow.fail", "onError": "continue", "config": { "message": "soft" } },
              { "id": "after", "tool": "data.template", "config": { "template": "saw {{ nodes.boom.output.error.message }}" } } ],
              "edges": [ { "source": "boom", "target": "after" } ] }
            """);
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        JsonAssert.Equal("""{"after":{"text":"saw soft"}}""", result.Output);
        var boom = await h.NodeAsync(id, "boom");
        Assert.Equal(NodeStatus.Failed, boom.Status);
        Assert.Equal("soft", boom.Output!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Branch_takes_only_the_error_branch()
    {
        // boom(branch) ─error─► handler
        //      └──────────────► normal      (skipped)
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "branch", "nodes": [
              { "id": "boom", "tool": "flow.fail", "onError": "branch", "config": { "message": "bad" } },
              { "id": "handler", "tool": "test.echo", "config": { "value": "{{ nodes.boom.output.error.code }}" } },
              { "id": "normal", "tool": "test.echo", "config": { "value": "never" } } ],
              "edges": [ { "source": "boom", "target": "handler", "branch": "error" }, { "source": "boom", "target": "normal" } ] }
            """);
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        JsonAssert.Equal("""{"handler":"flow.fail"}""", result.Output);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "normal")).Status);
    }

    [Fact]
    public async Task Branch_on_success_skips_the_error_branch()
    {
        // ok(branch) ─error─► handler (skipped)
        //    └──────────────► normal
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "branch ok", "nodes": [
              { "id": "ok", "tool": "test.echo", "onError": "branch", "config": { "value": 1 } },
              { "id": "handler", "tool": "test.echo", "config": { "value": "never" } },
              { "id": "normal", "tool": "test.echo", "config": { "value": "{{ nodes.ok.output + 1 }}" } } ],
              "edges": [ { "source": "ok", "target": "handler", "branch": "error" }, { "source": "ok", "target": "normal" } ] }
            """);
        JsonAssert.Equal("""{"normal":2}""", result.Output);
        Assert.Equal(NodeStatus.Skipped, (await h.NodeAsync(id, "handler")).Status);
    }

    [Fact]
    public async Task An_unknown_tool_fails_the_node_clearly_without_retry()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "unknown", "nodes": [ { "id": "x", "tool": "http.request", "retry": { "maxAttempts": 3 }, "config": {} } ] }
            """);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        var node = await h.NodeAsync(id, "x");
        Assert.Equal(ToolFailureCodes.UnknownTool, node.Error!.Code);
        Assert.False(node.Error.Retryable);
        Assert.Contains("http.request", node.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expression_error_fails_the_node_naming_the_path()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "expr", "nodes": [ { "id": "x", "tool": "test.echo", "config": { "deep": { "v": "{{ input.nope.nope }}" } } } ] }
            """);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        var error = (await h.NodeAsync(id, "x")).Error!;
        Assert.Equal(ToolFailureCodes.Expression, error.Code);
        Assert.Contains("/config/deep/v", error.Message, StringComparison.Ordinal);
        Assert.Contains("input.nope.nope", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[ { "source": "a", "target": "b" }, { "source": "b", "target": "a" } ]""", "cycle")]
    [InlineData("""[ { "source": "a", "target": "ghost" } ]""", "ghost")]
    public async Task A_definition_that_cannot_be_scheduled_fails_cleanly(string edges, string mention)
    {
        // a ⇄ b   /   a ─► ghost
        var h = new Harness();
        var (id, result) = await h.RunAsync($$"""
            { "name": "broken", "nodes": [ { "id": "a", "tool": "test.echo", "config": {} }, { "id": "b", "tool": "test.echo", "config": {} } ],
              "edges": {{edges}} }
            """);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal("definition.invalid", result.Error!.Code);
        Assert.Contains(mention, result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(h.Log.Runs);
        Assert.Equal(ExecutionStatus.Failed, (await h.SnapshotAsync(id)).Status);
    }

    [Fact]
    public async Task A_code_node_over_its_limits_fails_cleanly()
    {
        // loop │ bomb │ deep │ escape   — each with onError continue; the process lives on
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "limits", "nodes": [
              { "id": "loop", "tool": "code.javascript", "onError": "continue", "config": { "code": "while (true) {}" } },
              { "id": "bomb", "tool": "code.javascript", "onError": "continue", "config": { "code": "const a = []; while (true) a.push('x'.repeat(100000));" } },
              { "id": "deep", "tool": "code.javascript", "onError": "continue", "config": { "code": "function f(n) { return f(n + 1) + 1; } return f(0);" } },
              { "id": "escape", "tool": "code.javascript", "onError": "continue", "config": { "code": "return this.constructor.constructor('return process')();" } },
              { "id": "fine", "tool": "code.javascript", "config": { "code": "return input.a * 2;" } } ] }
            """, """{"a": 21}""");
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal(ToolFailureCodes.ScriptLimit, (await h.NodeAsync(id, "loop")).Error!.Code);
        Assert.Equal(ToolFailureCodes.ScriptLimit, (await h.NodeAsync(id, "bomb")).Error!.Code);
        Assert.Equal(ToolFailureCodes.ScriptLimit, (await h.NodeAsync(id, "deep")).Error!.Code);
        Assert.Equal(ToolFailureCodes.Script, (await h.NodeAsync(id, "escape")).Error!.Code);
        JsonAssert.Equal("42", (await h.NodeAsync(id, "fine")).Output);
    }
}
