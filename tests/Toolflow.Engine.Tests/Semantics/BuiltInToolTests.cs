using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;
using Toolflow.Tools.BuiltIn;

namespace Toolflow.Engine.Tests.Semantics;

public sealed class BuiltInToolTests
{
    [Fact]
    public async Task Subworkflow_outputs_the_child_execution_output()
    {
        // child(flow.subworkflow) ─► after
        var h = new Harness();
        var runner = new FakeSubworkflows();
        var engine = new WorkflowEngine(h.Memory, h.Tools.With(new FlowSubworkflowTool(runner)), h.Expressions, h.Time);
        var id = await engine.StartAsync(Harness.Definition("""
            { "name": "parent", "nodes": [
              { "id": "child", "tool": "flow.subworkflow", "config": { "workflowId": "wf-child", "input": { "n": "{{ input.n }}" } } },
              { "id": "after", "tool": "test.echo", "config": { "value": "{{ nodes.child.output.doubled }}" } } ],
              "edges": [ { "source": "child", "target": "after" } ] }
            """), JsonNode.Parse("""{"n": 21}"""));
        var result = await engine.RunAsync(id);
        JsonAssert.Equal("""{"after":42}""", result.Output);
        Assert.Equal($"subworkflow:{id}:child:0:1", runner.Requests.Single().IdempotencyKey);
    }

    [Fact]
    public async Task Subworkflow_without_a_runner_fails_clearly()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "parent", "nodes": [ { "id": "child", "tool": "flow.subworkflow", "config": { "workflowId": "x" } } ] }
            """);
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(ToolFailureCodes.SubworkflowUnavailable, (await h.NodeAsync(id, "child")).Error!.Code);
    }

    [Fact]
    public async Task A_skipped_node_reads_as_a_null_output_and_code_may_log()
    {
        // cond ─true─► never      cond ─► code (reads nodes.never.output)
        var h = new Harness();
        var (_, result) = await h.RunAsync("""
            { "name": "skipped", "nodes": [
              { "id": "cond", "tool": "flow.condition", "config": { "expression": "false" } },
              { "id": "never", "tool": "test.echo", "config": {} },
              { "id": "code", "tool": "code.javascript", "config": { "code": "console.log('hi'); return nodes.never.output === null;" } } ],
              "edges": [ { "source": "cond", "target": "never", "branch": "true" }, { "source": "cond", "target": "code" } ] }
            """);
        JsonAssert.Equal("""{"code":true}""", result.Output);
    }

    [Fact]
    public async Task Data_template_and_flow_fail_behave_as_the_table_says()
    {
        // t ─► f(flow.fail, continue)
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "tools", "nodes": [
              { "id": "t", "tool": "data.template", "config": { "template": "{{ input.a }} and {{ input.b }}" } },
              { "id": "f", "tool": "flow.fail", "onError": "continue", "config": { "message": "{{ nodes.t.output.text }}" } } ],
              "edges": [ { "source": "t", "target": "f" } ] }
            """, """{"a": 1, "b": {"c": 2}}""");
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        JsonAssert.Equal("""{"text":"1 and {\"c\":2}"}""", (await h.NodeAsync(id, "t")).Output);
        Assert.Equal("1 and {\"c\":2}", (await h.NodeAsync(id, "f")).Error!.Message);
    }

    [Fact]
    public async Task Code_may_await_and_a_rejected_promise_fails_the_node()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "async", "nodes": [
              { "id": "ok", "tool": "code.javascript", "config": { "code": "const x = await Promise.resolve(input.n); return x * 3;" } },
              { "id": "bad", "tool": "code.javascript", "onError": "continue", "config": { "code": "await null; throw new Error('nope');" } } ] }
            """, """{"n": 2}""");
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        JsonAssert.Equal("6", (await h.NodeAsync(id, "ok")).Output);
        var error = (await h.NodeAsync(id, "bad")).Error!;
        Assert.Equal(ToolFailureCodes.Script, error.Code);
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Children that end at once (the durable wait is the durable tests' business).</summary>
    private sealed class FakeSubworkflows : ISubworkflowRunner
    {
        public List<SubworkflowRequest> Requests { get; } = [];

        public ValueTask<SubworkflowStart> StartAsync(SubworkflowRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var n = request.Input!["n"]!.GetValue<int>();
            return ValueTask.FromResult(new SubworkflowStart($"child-{Requests.Count}", new SubworkflowResult(ExecutionStatus.Completed, new JsonObject { ["doubled"] = n * 2 }, null)));
        }

        public ValueTask<SubworkflowResult?> ResultAsync(string childExecutionId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a child that ended at once is never looked up");
    }
}
