using System.Text.Json.Nodes;
using Toolflow.Core.Templates;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Tests.Templates;

public class TemplateInstantiatorTests
{
    private static readonly JsonObject Params = new()
    {
        ["count"] = 5,
        ["city"] = "Paris",
        ["flags"] = new JsonArray(true, false),
        ["cron"] = "0 8 * * 1-5",
        ["quote"] = "it's \"fine\"",
    };

    private static JsonNode Substituted(string json)
    {
        var result = TemplateInstantiator.Substitute(JsonNode.Parse(json)!, Params);
        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        return result.Definition!;
    }

    [Fact]
    public void WholeStringPlaceholder_KeepsTheValuesJsonType()
    {
        var result = Substituted("""{"a":"{{ params.count }}","b":"{{params.flags}}","c":"{{ params['city'] }}"}""");

        Assert.Equal("""{"a":5,"b":[true,false],"c":"Paris"}""", result.ToJsonString());
    }

    [Fact]
    public void PathsIntoAParameter_AreLookedUp_AndObjectsFoldedIntoExpressionsAreParenthesised()
    {
        var parameters = new JsonObject { ["opts"] = new JsonObject { ["deep"] = true, ["list"] = new JsonArray(1, 2) }, ["city"] = "Paris" };

        var result = TemplateInstantiator.Substitute(JsonNode.Parse("""
            {"a":"{{ params.opts.deep }}","b":"{{ params.opts['list'][1] }}","c":"{{ params.opts.missing }}",
             "d":"{{ params.city.length }}","e":"{{ params.opts.deep && input.x }}","f":"{{ Object.keys(params.opts).length }}"}
            """)!, parameters);

        Assert.True(result.Succeeded, string.Join("; ", result.Problems));
        var d = result.Definition!;
        Assert.True((bool)d["a"]!);
        Assert.Equal(2, (int)d["b"]!);
        Assert.Equal("""{{ ({"deep":true,"list":[1,2]}).missing }}""", (string)d["c"]!);
        Assert.Equal("""{{ "Paris".length }}""", (string)d["d"]!);
        Assert.Equal("{{ true && input.x }}", (string)d["e"]!);
        Assert.Equal("""{{ Object.keys(({"deep":true,"list":[1,2]})).length }}""", (string)d["f"]!);
    }

    [Fact]
    public void PlaceholdersInText_AreInterpolated()
    {
        var result = Substituted("""{"name":"Weather for {{ params.city }} x{{ params.count }}","q":"{{ params.quote }}!"}""");

        Assert.Equal("Weather for Paris x5", (string)result["name"]!);
        Assert.Equal("it's \"fine\"!", (string)result["q"]!);
    }

    [Fact]
    public void ExpressionsMixingParamsWithRuntimeValues_StayExpressions_WithTheParameterFolded()
    {
        var result = Substituted("""{"u":"{{ input.base + params.city }}","t":"n={{ nodes.a.output.n * params.count }}","k":"{{ input.x }}"}""");

        Assert.Equal("{{ input.base + \"Paris\" }}", (string)result["u"]!);
        Assert.Equal("n={{ nodes.a.output.n * 5 }}", (string)result["t"]!);
        Assert.Equal("{{ input.x }}", (string)result["k"]!);
    }

    [Fact]
    public void PlaceholdersAnywhere_TriggerNamesAndArrays_AreSubstituted()
    {
        var result = Substituted("""{"trigger":{"type":"schedule","cron":"{{ params.cron }}"},"nodes":[{"id":"a","name":"{{ params.city }}"}]}""");

        Assert.Equal("0 8 * * 1-5", (string)result["trigger"]!["cron"]!);
        Assert.Equal("Paris", (string)result["nodes"]![0]!["name"]!);
    }

    [Fact]
    public void ParamsInsideAStringLiteral_OrAsAPropertyName_IsNotAParameter()
    {
        var result = Substituted("""{"a":"{{ 'params.city' + input.params }}"}""");

        Assert.Equal("{{ 'params.city' + input.params }}", (string)result["a"]!);
    }

    [Fact]
    public void UnknownParameterAndBareParams_AreReportedWithPointers()
    {
        var result = TemplateInstantiator.Substitute(
            JsonNode.Parse("""{"nodes":[{"config":{"x":"{{ params.nope }}","y":"{{ Object.keys(params) }}"}}]}""")!, Params);

        Assert.False(result.Succeeded);
        Assert.Null(result.Definition);
        Assert.Contains(result.Problems, p => p.Pointer == "/nodes/0/config/x" && p.Message.Contains("unknown parameter 'nope'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Pointer == "/nodes/0/config/y");
    }

    [Fact]
    public void FindUsedParameters_ListsEachNameWithItsFirstPointer()
    {
        var problems = new ProblemList();
        var used = TemplateInstantiator.FindUsedParameters(
            JsonNode.Parse("""{"a":"{{ params.x }}","b":["{{ params.y + params.x }}"]}""")!, problems);

        Assert.Equal(0, problems.Count);
        Assert.Equal("/a", used["x"]);
        Assert.Equal("/b/0", used["y"]);
    }
}
