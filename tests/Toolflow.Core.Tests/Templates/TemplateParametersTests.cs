using System.Text.Json.Nodes;
using Toolflow.Core.Templates;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Tests.Templates;

public class TemplateParametersTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "city": { "type": "string", "description": "where", "minLength": 1 },
            "days": { "type": "integer", "minimum": 1, "maximum": 14, "default": 3 },
            "unit": { "type": "string", "enum": ["metric", "imperial"], "default": "metric" }
          },
          "required": ["city"],
          "additionalProperties": false
        }
        """)!.AsObject();

    [Fact]
    public void Resolve_FillsDefaults()
    {
        var problems = new ProblemList();

        var values = TemplateParameters.Resolve(Schema, new JsonObject { ["city"] = "Oslo" }, "/parameters", problems);

        Assert.Equal(0, problems.Count);
        Assert.Equal("""{"city":"Oslo","days":3,"unit":"metric"}""", values!.ToJsonString());
    }

    [Fact]
    public void Resolve_ReportsEveryProblemAtOnce_KeyedByPointer()
    {
        var problems = new ProblemList();

        var values = TemplateParameters.Resolve(Schema, new JsonObject { ["days"] = 40, ["unit"] = "kelvin", ["extra"] = 1 }, "/parameters", problems);

        Assert.Null(values);
        var pointers = problems.Items.Select(p => p.Pointer).ToList();
        Assert.Contains("/parameters/days", pointers);
        Assert.Contains("/parameters/unit", pointers);
        Assert.Contains(problems.Items, p => p.Message.Contains("city", StringComparison.Ordinal));
        Assert.True(problems.Count >= 4, string.Join("; ", problems.Items));
    }

    [Fact]
    public void CheckDefinition_FlagsUndeclaredPlaceholders_AndNonObjectSchemas()
    {
        var problems = new ProblemList();

        TemplateParameters.CheckDefinition(
            new JsonObject { ["type"] = "array" },
            JsonNode.Parse("""{"nodes":[{"config":{"u":"{{ params.city }}"}}]}""")!,
            problems);

        Assert.Contains(problems.Items, p => p.Pointer == "/parameters/type");
        Assert.Contains(problems.Items, p => p.Pointer == "/definition/nodes/0/config/u" && p.Message.Contains("'city'", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckDefinition_AcceptsDeclaredPlaceholders()
    {
        var problems = new ProblemList();

        TemplateParameters.CheckDefinition(Schema, JsonNode.Parse("""{"name":"{{ params.city }} in {{ params.unit }}"}""")!, problems);

        Assert.Equal(0, problems.Count);
    }
}
