using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Sandbox;

/// <summary>
/// The memory limit bounds what a script holds, not what it allocates: a long loop that makes only
/// garbage runs to its end; a script that builds a huge array or string still fails, typed and not retried.
/// </summary>
public sealed class LiveMemoryLimitTests
{
    private const int MiB = 1024 * 1024;

    private static readonly ExpressionScope Scope = new() { Input = JsonNode.Parse("""{"a":1}""") };

    [Fact]
    public void A_long_numeric_loop_in_a_code_body_is_not_a_memory_error()
    {
        // Allocates hundreds of MiB of short-lived numbers and bindings under Jint's counting, holds a few bytes.
        // The time limit is widened so that only memory is under test on a slow machine.
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code with { Timeout = TimeSpan.FromSeconds(120) });
        using var session = sandbox.Open(Scope);
        var result = session.RunBody("let s = 0; for (let i = 0; i < 5e6; i++) s += i * 0.5; return s;");
        Assert.Equal(6249998750000d, result!.GetValue<double>());
    }

    [Fact]
    public void Garbage_many_times_the_limit_passes_and_holding_more_than_the_limit_fails()
    {
        // 1 MiB limit: strings of 20 KB made and dropped 2,000 times (40 MiB of garbage, more than even the
        // allocation backstop of 32 × the limit, which restarts at each measure) pass; kept, they fail.
        var limits = SandboxLimits.Code with { MemoryBytes = MiB, Timeout = TimeSpan.FromSeconds(120) };
        using (var session = new JavaScriptSandbox(limits).Open(Scope))
        {
            var dropped = session.RunBody("let n = 0; for (let i = 0; i < 2000; i++) n += ('x'.repeat(10000) + i).length; return n;");
            Assert.True(dropped!.GetValue<double>() > 20_000_000);
        }

        using (var session = new JavaScriptSandbox(limits).Open(Scope))
        {
            var held = Assert.Throws<SandboxException>(() => session.RunBody("const a = []; for (let i = 0; i < 1000; i++) a.push('x'.repeat(10000) + i); return a.length;"));
            Assert.Equal(ExpressionErrorKind.Memory, held.Kind);
            Assert.Contains("holds more than the memory limit of 1 MiB", held.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_scope_handed_to_the_script_is_not_counted_as_its_memory()
    {
        // About 4 MiB of input as JavaScript values, under a 1 MiB limit: a script that reads it and makes
        // garbage is not blamed for the host's data.
        var items = new JsonArray();
        for (var i = 0; i < 20_000; i++)
        {
            items.Add(new string('y', 100) + i);
        }

        var scope = new ExpressionScope { Input = new JsonObject { ["items"] = items } };
        using var session = new JavaScriptSandbox(SandboxLimits.Code with { MemoryBytes = MiB, Timeout = TimeSpan.FromSeconds(120) }).Open(scope);
        var result = session.RunBody("let n = 0; for (let i = 0; i < 500; i++) n += ('x'.repeat(10000) + input.items[i]).length; return n;");
        Assert.True(result!.GetValue<double>() > 5_000_000);
    }

    [Theory]
    [InlineData("const keep = (() => { const a = []; return (i) => { a.push('x'.repeat(10000) + i); return a.length; }; })(); let n = 0; for (let i = 0; i < 1000; i++) n = keep(i); return n;")]
    [InlineData("const m = new Map(); for (let i = 0; i < 1000; i++) { m.set(i, 'x'.repeat(10000) + i); await null; } return m.size;")]
    [InlineData("const o = {}; for (let i = 0; i < 1000; i++) o['k' + i] = { text: 'x'.repeat(10000) + i }; return Object.keys(o).length;")]
    public void Memory_held_through_closures_maps_objects_and_awaits_counts(string body)
    {
        using var session = new JavaScriptSandbox(SandboxLimits.Code with { MemoryBytes = MiB, Timeout = TimeSpan.FromSeconds(120) }).Open(Scope);
        var error = Assert.Throws<SandboxException>(() => session.RunBody(body));
        Assert.Equal(ExpressionErrorKind.Memory, error.Kind);
        Assert.Contains("holds more than the memory limit of 1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_cannot_catch_its_memory_limit()
    {
        using var session = new JavaScriptSandbox(SandboxLimits.Code with { MemoryBytes = MiB, Timeout = TimeSpan.FromSeconds(120) }).Open(Scope);
        var error = Assert.Throws<SandboxException>(() => session.RunBody(
            "const a = []; try { for (let i = 0; i < 1000; i++) a.push('x'.repeat(10000) + i); } catch (e) { return 'caught'; } return 'done';"));
        Assert.Equal(ExpressionErrorKind.Memory, error.Kind);
    }

    [Fact]
    public void Expressions_share_the_rule()
    {
        var evaluator = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions with { MemoryBytes = MiB, Timeout = TimeSpan.FromSeconds(120) }));
        var sum = evaluator.Evaluate("{{ (() => { let n = 0; for (let i = 0; i < 1000; i++) n += ('x'.repeat(10000) + i).length; return n; })() }}", Scope);
        Assert.True(sum!.GetValue<double>() > 10_000_000);

        var error = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate(
            "{{ (() => { const a = []; for (let i = 0; i < 1000; i++) a.push('x'.repeat(10000) + i); return a.length; })() }}", Scope, "n", "/config/x"));
        Assert.Equal(ExpressionErrorKind.Memory, error.Kind);
    }

    [Fact]
    public async Task In_a_code_node_the_loop_completes_and_the_hoarder_fails_with_a_limit_not_retried()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync("""
            { "name": "memory", "nodes": [
              { "id": "loop", "tool": "code.javascript", "config": { "code": "let s = 0; for (let i = 0; i < 2e6; i++) s += i * 0.5; return s;" } },
              { "id": "hoard", "tool": "code.javascript", "onError": "continue", "retry": { "maxAttempts": 3, "backoff": "fixed", "initialDelayMs": 1 },
                "config": { "code": "const a = []; for (let i = 0; i < 100000; i++) a.push('x'.repeat(1000) + i); return a.length;" } } ] }
            """);
        Assert.True(result.Status == ExecutionStatus.Completed, $"{result.Status}: {result.Error}");
        JsonAssert.Equal("999999500000", (await h.NodeAsync(id, "loop")).Output);
        var hoard = await h.NodeAsync(id, "hoard");
        Assert.Equal(NodeStatus.Failed, hoard.Status);
        Assert.Equal(ToolFailureCodes.ScriptLimit, hoard.Error!.Code);
        Assert.Contains("memory limit of 64 MiB", hoard.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, hoard.Attempts);
    }
}
