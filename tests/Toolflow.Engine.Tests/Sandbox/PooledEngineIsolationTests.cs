using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;

namespace Toolflow.Engine.Tests.Sandbox;

/// <summary>
/// Engines are pooled across executions of every user, so nothing one script leaves in an engine may
/// be seen by the next: one pooled engine makes the second script meet the first one's engine.
/// </summary>
public sealed class PooledEngineIsolationTests
{
    private static readonly ExpressionScope Scope = new() { Input = JsonNode.Parse("""{"a":1}""") };

    /// <summary>Every built-in the global object holds, and one level below Intl and Temporal.</summary>
    [Theory]
    [InlineData("Intl.leak = []")]
    [InlineData("Intl.NumberFormat = function () { return 'spy'; }")]
    [InlineData("Intl.NumberFormat.prototype.format = function () { return 'spy'; }")]
    [InlineData("Temporal.leak = []")]
    [InlineData("Temporal.Now.instant = function () { return 'spy'; }")]
    [InlineData("Temporal.PlainDate.prototype.leak = []")]
    [InlineData("Iterator.leak = []")]
    [InlineData("AsyncIterator.prototype.leak = []")]
    [InlineData("ShadowRealm.leak = []")]
    [InlineData("SharedArrayBuffer.prototype.leak = []")]
    [InlineData("FinalizationRegistry.leak = []")]
    [InlineData("DisposableStack.prototype.leak = []")]
    [InlineData("Float16Array.prototype.leak = []")]
    [InlineData("SuppressedError.leak = []")]
    [InlineData("Object.getPrototypeOf(function* () {}).leak = []")]
    [InlineData("Object.getPrototypeOf(async function* () {}).leak = []")]
    [InlineData("Object.getPrototypeOf(new Map()[Symbol.iterator]()).next = function () { return { done: true }; }")]
    [InlineData("Object.getPrototypeOf(new Intl.Segmenter().segment('')).containing = function () { return 'spy'; }")]
    public void A_builtin_cannot_be_tampered_with_for_the_next_script(string tamper)
    {
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code, maxPooledEngines: 1);

        var error = Assert.Throws<SandboxException>(() => Run(sandbox, $"'use strict'; {tamper}; return 'tampered';"));

        Assert.Equal(ExpressionErrorKind.Script, error.Kind);
        Assert.Contains("TypeError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_hung_on_Intl_by_one_user_is_not_there_for_the_next()
    {
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code, maxPooledEngines: 1);

        try
        {
            Run(sandbox, "Intl.leak = ['alice']; return 1;");
        }
        catch (SandboxException)
        {
            // Refused, as it should be; what matters is what the next script sees.
        }

        Assert.Equal("undefined", Run(sandbox, "return typeof Intl.leak;")!.GetValue<string>());
    }

    [Fact]
    public void The_last_match_of_one_script_is_not_readable_by_the_next()
    {
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code, maxPooledEngines: 1);

        Assert.Equal("secret42", Run(sandbox, "return /(s\\w+)/.exec('the secret42 value')[1];")!.GetValue<string>());

        Assert.Equal(
            "undefined,undefined,undefined,undefined",
            Run(sandbox, "return [typeof RegExp.input, typeof RegExp.$1, typeof RegExp.lastMatch, typeof RegExp.leftContext].join();")!.GetValue<string>());
    }

    [Fact]
    public void Intl_and_Temporal_still_work_once_frozen()
    {
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code, maxPooledEngines: 1);

        Assert.Equal("1,234.5", Run(sandbox, "return new Intl.NumberFormat('en-US').format(1234.5);")!.GetValue<string>());
        Assert.Equal("2026-11-27", Run(sandbox, "return Temporal.PlainDate.from('2026-11-27').toString();")!.GetValue<string>());
    }

    [Fact]
    public void One_scope_never_shows_through_the_next_on_the_same_engine()
    {
        // The engine keeps the buffer a scope's JSON is written to: a big scope, then a small one, then a big one again
        // (past the size at which the buffer is dropped) each read exactly their own input.
        var sandbox = new JavaScriptSandbox(SandboxLimits.Code, maxPooledEngines: 1);
        var big = new string('x', 300_000);
        foreach (var text in new[] { big, "short", big + "y", "tiny" })
        {
            using var session = sandbox.Open(new ExpressionScope { Input = new JsonObject { ["text"] = text } });
            Assert.Equal(text, session.RunBody("return input.text;")!.GetValue<string>());
            Assert.Equal("[\"text\"]", session.RunBody("return JSON.stringify(Object.keys(input));")!.GetValue<string>());
        }
    }

    private static JsonNode? Run(JavaScriptSandbox sandbox, string body)
    {
        using var session = sandbox.Open(Scope);
        return session.RunBody(body);
    }
}
