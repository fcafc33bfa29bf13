using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private static readonly ExpressionEvaluator Evaluator = new(new JavaScriptSandbox(SandboxLimits.Expressions));

    private static readonly ExpressionScope Scope = new()
    {
        Input = JsonNode.Parse("""{"topic":"news","n":3,"tags":["a","b"]}"""),
        Nodes = new Dictionary<string, JsonNode?> { ["fetch"] = JsonNode.Parse("""{"status":200,"body":{"items":[1,2]}}""") },
        Item = JsonValue.Create("x"),
        Index = 2,
        Execution = new ExecutionFacts("exec-1", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "wf-1"),
    };

    [Theory]
    [InlineData("{{ input.n * 2 }}", "6")]
    [InlineData("{{ input.tags }}", """["a","b"]""")]
    [InlineData("  {{ nodes.fetch.output.body }}  ", """{"items":[1,2]}""")]
    [InlineData("{{ nodes.fetch.output.status == 200 }}", "true")]
    [InlineData("{{ 1.5 }}", "1.5")]
    [InlineData("{{ null }}", "null")]
    [InlineData("{{ undefined }}", "null")]
    [InlineData("{{ ({a: undefined, b: [undefined, NaN], f: () => 1}) }}", """{"b":[null,null]}""")]
    [InlineData("{{ new Date(Date.UTC(2026, 0, 2)) }}", "\"2026-01-02T00:00:00.000Z\"")]
    [InlineData("{{ item + index }}", "\"x2\"")]
    [InlineData("{{ execution.id + '/' + execution.workflowId }}", "\"exec-1/wf-1\"")]
    [InlineData("{{ execution.startedAt }}", "\"2026-01-02T03:04:05.000Z\"")]
    public void A_string_that_is_exactly_one_expression_yields_the_raw_value(string template, string expected) =>
        JsonAssert.Equal(expected, Evaluator.Evaluate(template, Scope));

    [Theory]
    [InlineData("q={{ input.topic }}&n={{ input.n }}", "q=news&n=3")]
    [InlineData("tags: {{ input.tags }}", "tags: [\"a\",\"b\"]")]
    [InlineData("body={{ nodes.fetch.output.body }}", "body={\"items\":[1,2]}")]
    [InlineData("[{{ null }}]", "[]")]
    [InlineData("no expression", "no expression")]
    public void Anything_else_interpolates_as_text(string template, string expected) =>
        Assert.Equal(expected, Evaluator.Evaluate(template, Scope)!.GetValue<string>());

    [Fact]
    public void Credentials_are_never_in_scope()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ credentials }}", Scope, "n", "/config/x"));
        Assert.Equal(ExpressionErrorKind.Script, error.Kind);
        JsonAssert.Equal("\"undefined\"", Evaluator.Evaluate("{{ typeof secrets + '' }}", Scope) is { } v ? JsonValue.Create(v.GetValue<string>()) : null);
    }

    [Fact]
    public void An_error_names_the_node_the_config_path_and_the_expression()
    {
        var config = JsonNode.Parse("""{"a":{"b":["ok","{{ input.missing.deep }}"]}}""")!.AsObject();
        var error = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.ResolveConfig(config, Scope, "fetch"));
        Assert.Equal("fetch", error.NodeId);
        Assert.Equal("/config/a/b/1", error.Path);
        Assert.Equal("input.missing.deep", error.Expression);
        Assert.Equal(ExpressionErrorKind.Script, error.Kind);
        Assert.Contains("node 'fetch' at /config/a/b/1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_is_typed_as_such()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ 1 + }}", Scope, "n", "/config/v"));
        Assert.Equal(ExpressionErrorKind.Syntax, error.Kind);
        var unterminated = Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ 1 + 1", Scope, "n", "/config/v"));
        Assert.Equal(ExpressionErrorKind.Syntax, unterminated.Kind);
    }

    [Fact]
    public void A_statement_sequence_is_not_an_expression() =>
        Assert.Equal(ExpressionErrorKind.Syntax, Assert.Throws<ExpressionEvaluationException>(() => Evaluator.Evaluate("{{ 1; 2 }}", Scope)).Kind);

    [Fact]
    public void Resolving_a_config_evaluates_every_template_and_copies_the_rest()
    {
        var config = JsonNode.Parse("""{"url":"https://x/?q={{ input.topic }}","n":"{{ input.n }}","keep":5,"list":["{{ index }}",true],"code":"{{ not evaluated }}"}""")!.AsObject();
        var resolved = Evaluator.ResolveConfig(config, Scope, "n", ["code"]);
        JsonAssert.Equal("""{"url":"https://x/?q=news","n":3,"keep":5,"list":[2,true],"code":"{{ not evaluated }}"}""", resolved);
        Assert.NotSame(config, resolved);
    }

    [Fact]
    public void Templates_are_parsed_once()
    {
        var first = TemplateCache.Get("a {{ input.n }} b");
        Assert.Same(first, TemplateCache.Get("a {{ input.n }} b"));
    }

    [Fact]
    public void Mutating_scope_values_in_one_expression_does_not_reach_the_host()
    {
        Evaluator.Evaluate("{{ (input.topic = 'changed', 1) }}", Scope);
        Assert.Equal("news", Scope.Input!["topic"]!.GetValue<string>());
    }
}
