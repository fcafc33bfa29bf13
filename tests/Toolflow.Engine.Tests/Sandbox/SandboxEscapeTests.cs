using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;

namespace Toolflow.Engine.Tests.Sandbox;

/// <summary>Scripts reach nothing of the host, and every limit ends a runaway script with a typed error.</summary>
public sealed class SandboxEscapeTests
{
    private static readonly ExpressionEvaluator Evaluator = new(new JavaScriptSandbox(SandboxLimits.Expressions with { Timeout = TimeSpan.FromSeconds(1) }));

    private static readonly ExpressionScope Scope = new() { Input = JsonNode.Parse("""{"a":1}""") };

    [Theory]
    [InlineData("this.constructor.constructor('return process')()")]
    [InlineData("(function(){ return this })().constructor.constructor('return this')()")]
    [InlineData("input.constructor.constructor('return process')()")]
    [InlineData("[].constructor.constructor('return importNamespace')()")]
    [InlineData("importNamespace('System.IO')")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("eval('1+1')")]
    [InlineData("Function('return 1')()")]
    [InlineData("new Function('return globalThis')()")]
    [InlineData("require('fs')")]
    [InlineData("process.exit(1)")]
    [InlineData("clr")]
    [InlineData("host")]
    public void Escape_attempts_fail_inside_the_sandbox(string code)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ " + code + " }}", Scope, "n", "/config/x"));
        Assert.Equal(ExpressionErrorKind.Script, error.Kind);
    }

    [Theory]
    [InlineData("typeof importNamespace", "undefined")]
    [InlineData("typeof System", "undefined")]
    [InlineData("typeof process", "undefined")]
    [InlineData("typeof require", "undefined")]
    [InlineData("Object.getOwnPropertyNames(globalThis).filter(k => /clr|host|import|System/i.test(k)).join()", "")]
    public void No_host_object_is_visible(string code, string expected) =>
        Assert.Equal(expected, Evaluator.Evaluate("{{ " + code + " }}", Scope)!.GetValue<string>());

    [Fact]
    public void Prototype_pollution_in_one_evaluation_does_not_reach_the_next()
    {
        Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ (Object.prototype.polluted = 1) }}", Scope));
        Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ (globalThis.leak = 1) }}", Scope));
        Assert.Equal("undefined", Evaluator.Evaluate("{{ typeof ({}).polluted + '' }}", Scope)!.GetValue<string>());
        Assert.Equal("undefined", Evaluator.Evaluate("{{ typeof leak + '' }}", Scope)!.GetValue<string>());
    }

    [Theory]
    [InlineData("(() => { while (true) {} })()", ExpressionErrorKind.Statements)]
    [InlineData("(() => { const a = []; while (true) a.push('x'.repeat(10000)); })()", ExpressionErrorKind.Memory)]
    [InlineData("'x'.repeat(1 << 29)", ExpressionErrorKind.Script)] // Jint refuses the length with a RangeError
    [InlineData("'x'.repeat(20000000)", ExpressionErrorKind.Conversion)] // a string past MaxResultChars, like an object would be
    [InlineData("new Array(1e9).fill(0)", ExpressionErrorKind.Memory)]
    [InlineData("(function f(n) { return f(n + 1) + 1; })(0)", ExpressionErrorKind.Recursion)]
    public void Runaway_expressions_end_with_a_typed_error_and_the_process_lives_on(string code, ExpressionErrorKind kind)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ " + code + " }}", Scope, "n", "/config/x"));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(2, Evaluator.Evaluate("{{ input.a + 1 }}", Scope)!.GetValue<int>());
    }

    [Fact]
    public void Interpolated_text_longer_than_the_result_limit_fails_even_when_each_piece_fits()
    {
        var evaluator = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions with { MaxResultChars = 1000 }));
        Assert.Equal(600, evaluator.Evaluate("{{ 'x'.repeat(600) }}", Scope)!.GetValue<string>().Length);
        var error = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate("{{ 'x'.repeat(600) }} and {{ 'y'.repeat(600) }}", Scope, "n", "/config/x"));
        Assert.Equal(ExpressionErrorKind.Conversion, error.Kind);
        Assert.Contains("/config/x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_busy_loop_under_a_high_statement_limit_ends_at_the_time_limit()
    {
        var sandbox = new JavaScriptSandbox(new SandboxLimits { Timeout = TimeSpan.FromMilliseconds(300), MaxStatements = int.MaxValue });
        var evaluator = new ExpressionEvaluator(sandbox);
        var started = DateTime.UtcNow;
        var error = Assert.Throws<ExpressionEvaluationException>(() => evaluator.Evaluate("{{ (() => { while (true) {} })() }}", Scope));
        Assert.Equal(ExpressionErrorKind.Timeout, error.Kind);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    // An awaited promise that never settles is the time limit, like a busy loop: a limit error
    // (not a script error a retry could fix), and the engine is not pooled again.
    [Fact]
    public void A_code_body_awaiting_a_promise_that_never_settles_ends_at_the_time_limit()
    {
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code with { Timeout = TimeSpan.FromMilliseconds(300) });
        using var session = sandbox.Open(Scope);
        var error = Assert.Throws<SandboxException>(() => session.RunBody("await new Promise(() => {}); return 1;"));
        Assert.Equal(ExpressionErrorKind.Timeout, error.Kind);
        Assert.Contains("time limit of 300 ms", error.Message, StringComparison.Ordinal);
    }

    // A result with a cycle cannot become JSON: the same script fails the same way next time.
    [Fact]
    public void A_code_body_returning_a_cyclic_object_fails_as_a_conversion_error()
    {
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code);
        using var session = sandbox.Open(Scope);
        var error = Assert.Throws<SandboxException>(() => session.RunBody("const a = { name: 'a' }; a.self = a; return a;"));
        Assert.Equal(ExpressionErrorKind.Conversion, error.Kind);
        Assert.Contains("not representable as JSON", error.Message, StringComparison.Ordinal);
    }
}
