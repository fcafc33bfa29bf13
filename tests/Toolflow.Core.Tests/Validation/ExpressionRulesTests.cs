using System.Text.Json.Nodes;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class ExpressionRulesTests
{
    [Fact]
    public void ExpressionThatDoesNotParse_IsReportedAtTheStringHoldingIt()
    {
        var definition = Base();
        NodeAt(definition, 2)["config"]!["template"] = "ok: {{ nodes.fetch.output. }}";
        AssertProblem(Node(definition), "/nodes/2/config/template", "does not parse");
    }

    [Fact]
    public void UnterminatedExpression_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2)["config"]!["template"] = "ok: {{ nodes.fetch.output";
        AssertProblem(Node(definition), "/nodes/2/config/template", "has no matching '}}'");
    }

    [Fact]
    public void BrokenExpression_DeepInsideConfig_PointsToItsArrayItem()
    {
        var result = FromJson("""
            { "name": "x", "nodes": [ { "id": "s", "tool": "data.set", "config": { "values": { "list": ["ok", "{{ a b }}"] } } } ] }
            """);
        AssertProblem(result, "/nodes/0/config/values/list/1", "does not parse");
    }

    [Fact]
    public void ValidExpressions_Everywhere_AreAccepted()
    {
        var definition = Base();
        NodeAt(definition, 2)["forEach"] = "{{ nodes.fetch.output.body.items }}";
        NodeAt(definition, 2)["concurrency"] = 4;
        definition["output"] = "{{ nodes.notify.output }}";
        AssertValid(Node(definition));
    }

    [Fact]
    public void ForEach_ThatIsNotAnExpression_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2)["forEach"] = "input.items";
        AssertProblem(Node(definition), "/nodes/2/forEach", "must be one expression");
    }

    [Fact]
    public void ForEach_WithTextAroundTheExpression_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2)["forEach"] = "items: {{ input.items }}";
        AssertProblem(Node(definition), "/nodes/2/forEach", "must be one expression");
    }

    [Fact]
    public void ForEach_ThatDoesNotParse_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2)["forEach"] = "{{ input.items[ }}";
        AssertProblem(Node(definition), "/nodes/2/forEach", "does not parse");
    }

    [Fact]
    public void Output_ThatDoesNotParse_IsReported()
    {
        var definition = Base();
        definition["output"] = "{{ nodes.notify.output + }}";
        AssertProblem(Node(definition), "/output", "does not parse");
    }

    [Fact]
    public void Output_WithoutAnyExpression_IsReported()
    {
        var definition = Base();
        definition["output"] = "nodes.notify.output";
        AssertProblem(Node(definition), "/output", "must be an expression");
    }

    [Fact]
    public void ReferenceToUnknownNode_IsReportedAtTheString()
    {
        var definition = Base();
        NodeAt(definition, 2)["config"]!["template"] = "ok: {{ nodes.fetchh.output.body }} {{ nodes['chek'].output }}";
        var result = Node(definition);
        AssertProblem(result, "/nodes/2/config/template", "refers to unknown node 'fetchh'");
        AssertProblem(result, "/nodes/2/config/template", "refers to unknown node 'chek'");
    }

    [Fact]
    public void ReferenceToUnknownNode_InOutputAndForEach_IsReported()
    {
        var definition = Base();
        NodeAt(definition, 2)["forEach"] = "{{ nodes.missing.output.items }}";
        definition["output"] = "{{ nodes.gone.output }}";
        var result = Node(definition);
        AssertProblem(result, "/nodes/2/forEach", "refers to unknown node 'missing'");
        AssertProblem(result, "/output", "refers to unknown node 'gone'");
    }

    // A node runs once its incoming edges are resolved; a node with no path of edges to it may not
    // have run yet (or may run later), so reading its output would depend on timing.
    [Fact]
    public void ReferenceToANodeThatIsNotUpstream_IsReported()
    {
        var definition = Base();
        Nodes(definition).Add(new JsonObject { ["id"] = "side", ["tool"] = "data.set", ["config"] = new JsonObject { ["values"] = new JsonObject { ["x"] = 1 } } });
        NodeAt(definition, 1)["config"]!["expression"] = "{{ nodes.notify.output.text == 'x' }}";
        NodeAt(definition, 2)["config"]!["template"] = "{{ nodes.fetch.output.body }} {{ nodes['side'].output.x }} {{ nodes.notify.output }}";
        var result = Node(definition);
        AssertProblem(result, "/nodes/1/config/expression", "refers to node 'notify', which is not upstream of 'check'");
        AssertProblem(result, "/nodes/2/config/template", "refers to node 'side', which is not upstream of 'notify'");
        AssertProblem(result, "/nodes/2/config/template", "refers to its own output");
        Assert.Equal(3, result.Problems.Count);
    }

    [Fact]
    public void ReferenceToAnyNode_InOutput_AndToAnAncestorThroughSeveralEdges_IsAccepted()
    {
        var definition = Base();
        Nodes(definition).Add(new JsonObject { ["id"] = "side", ["tool"] = "data.set", ["config"] = new JsonObject { ["values"] = new JsonObject { ["x"] = 1 } } });
        NodeAt(definition, 2)["forEach"] = "{{ nodes.fetch.output.body.items }}";
        definition["output"] = "{{ [nodes.side.output, nodes.notify.output] }}";
        AssertValid(Node(definition));
    }

    [Fact]
    public void ReferencesToKnownNodes_AndMembersNamedNodes_AreAccepted()
    {
        var definition = Base();
        NodeAt(definition, 2)["config"]!["template"] = "{{ nodes.fetch.output.body.nodes.whatever }} {{ nodes[\"check\"].output }} {{ item.nodes.x }}";
        AssertValid(Node(definition));
    }

    [Fact]
    public void JavaScriptCode_ThatDoesNotParse_IsReported()
    {
        var result = FromJson("""{ "name": "c", "nodes": [ { "id": "c", "tool": "code.javascript", "config": { "code": "return (1 + ;" } } ] }""");
        AssertProblem(result, "/nodes/0/config/code", "code does not parse");
    }

    [Fact]
    public void JavaScriptCode_WithReturnAtTopLevel_IsAccepted() =>
        AssertValid(FromJson("""{ "name": "c", "nodes": [ { "id": "c", "tool": "code.javascript", "config": { "code": "const x = input.n * 2;\nreturn { x };" } } ] }"""));

    // The body runs as an async function (docs/engine.md), so the validator must accept what runs.
    [Fact]
    public void JavaScriptCode_WithAwaitAtTopLevel_IsAccepted() =>
        AssertValid(FromJson("""{ "name": "c", "nodes": [ { "id": "c", "tool": "code.javascript", "config": { "code": "const v = await Promise.resolve(41);\nreturn v + 1;" } } ] }"""));

    // The body runs in strict mode with the scope as parameters: what the sandbox refuses to compile
    // is refused here, with the line counted from the body's own first line.
    [Theory]
    [InlineData("with (input) { return 1; }")]
    [InlineData("let input = 1;\nreturn input;")]
    [InlineData("return 010;")]
    public void JavaScriptCode_ThatTheSandboxCannotCompile_IsReported(string code)
    {
        var definition = new JsonObject
        {
            ["name"] = "c",
            ["nodes"] = new JsonArray(new JsonObject { ["id"] = "c", ["tool"] = "code.javascript", ["config"] = new JsonObject { ["code"] = code } }),
        };
        AssertProblem(Node(definition), "/nodes/0/config/code", "code does not parse");
    }

    [Fact]
    public void JavaScriptCode_ParseError_NamesTheLineOfTheBody()
    {
        var result = FromJson("""{ "name": "c", "nodes": [ { "id": "c", "tool": "code.javascript", "config": { "code": "const a = 1;\nreturn (1 + ;" } } ] }""");
        AssertProblem(result, "/nodes/0/config/code", "(line 2,");
    }
}
