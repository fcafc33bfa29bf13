using System.Text.Json.Nodes;
using Bunit;
using Toolflow.Server.Web.Forms;

namespace Toolflow.Web.Tests.Forms;

/// <summary>The form generated from a JSON Schema: fields, JSON types of what is typed, expression mode, errors on their fields.</summary>
public sealed class SchemaFormTests : BunitContext
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {
          "type": "object",
          "required": ["url", "method"],
          "properties": {
            "url": { "type": "string", "title": "URL", "description": "Where to send the request." },
            "method": { "type": "string", "enum": ["GET", "POST"] },
            "timeoutMs": { "type": "integer" },
            "ratio": { "type": "number" },
            "follow": { "type": "boolean" },
            "headers": { "type": "object" }
          }
        }
        """)!.AsObject();

    private IRenderedComponent<SchemaForm> Render(JsonObject value, IReadOnlyDictionary<string, string[]>? errors = null, bool expressions = false) =>
        Render<SchemaForm>(p => p
            .Add(f => f.Schema, Schema)
            .Add(f => f.Value, value)
            .Add(f => f.Errors, errors)
            .Add(f => f.AllowExpressions, expressions)
            .Add(f => f.IdPrefix, "cfg"));

    [Fact]
    public void AJsonField_ShowsItsTextAsWritten_NotAsEscapes()
    {
        var form = Render(new JsonObject { ["headers"] = new JsonObject { ["X-Greeting"] = "Grüße \"à\" <b> + 1" } });

        var shown = form.Find("#cfg-headers").TextContent;
        Assert.Contains("Grüße \\\"à\\\" <b> + 1", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProperty_GetsALabelledControlOfItsKind()
    {
        var form = Render([]);

        Assert.Equal("URL", form.Find("label[for=cfg-url]").TextContent.Split('*')[0].Trim());
        Assert.Equal("text", form.Find("#cfg-url").GetAttribute("type"));
        Assert.Equal("true", form.Find("#cfg-url").GetAttribute("aria-required"));
        Assert.Equal("cfg-url-help", form.Find("#cfg-url").GetAttribute("aria-describedby"));
        Assert.Equal(["", "GET", "POST"], form.FindAll("#cfg-method option").Select(o => o.GetAttribute("value")));
        Assert.Equal("number", form.Find("#cfg-timeoutMs").GetAttribute("type"));
        Assert.Equal("checkbox", form.Find("#cfg-follow").GetAttribute("type"));
        Assert.Equal("TEXTAREA", form.Find("#cfg-headers").TagName);
        Assert.Equal("false", form.Find("#cfg-timeoutMs").GetAttribute("aria-required"));
    }

    [Fact]
    public void TypedText_IsStoredWithTheSchemasJsonType()
    {
        var value = new JsonObject();
        var form = Render(value);

        form.Find("#cfg-url").Change("https://example.org");
        form.Find("#cfg-method").Change("POST");
        form.Find("#cfg-timeoutMs").Change("1500");
        form.Find("#cfg-ratio").Change("0.25");
        form.Find("#cfg-follow").Change(true);
        form.Find("#cfg-headers").Change("""{"x-a": "1"}""");

        Assert.Equal("""{"url":"https://example.org","method":"POST","timeoutMs":1500,"ratio":0.25,"follow":true,"headers":{"x-a":"1"}}""", value.ToJsonString());
    }

    [Fact]
    public void ExistingValues_AreShownInTheirFields()
    {
        var form = Render(new JsonObject { ["url"] = "https://a.test", ["timeoutMs"] = 30, ["follow"] = true, ["method"] = "GET" });

        Assert.Equal("https://a.test", form.Find("#cfg-url").GetAttribute("value"));
        Assert.Equal("30", form.Find("#cfg-timeoutMs").GetAttribute("value"));
        Assert.True(form.Find("#cfg-follow").HasAttribute("checked"));
        Assert.True(form.Find("#cfg-method option[value=GET]").HasAttribute("selected"));
    }

    [Fact]
    public void TextThatDoesNotParse_IsAnErrorOnItsField_AndNotWritten()
    {
        var value = new JsonObject { ["timeoutMs"] = 10 };
        var form = Render(value);

        form.Find("#cfg-timeoutMs").Change("ten");
        form.Find("#cfg-headers").Change("{not json");

        Assert.Equal("10", value["timeoutMs"]!.ToJsonString());
        Assert.False(value.ContainsKey("headers"));
        Assert.Equal("true", form.Find("#cfg-timeoutMs").GetAttribute("aria-invalid"));
        Assert.Contains("whole number", form.Find("#cfg-timeoutMs-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", form.Find("#cfg-headers-error").TextContent, StringComparison.Ordinal);
        Assert.False(form.Instance.IsValid);

        form.Find("#cfg-timeoutMs").Change("20");
        form.Find("#cfg-headers").Change("{}");
        Assert.True(form.Instance.IsValid);
        Assert.Equal("20", value["timeoutMs"]!.ToJsonString());
    }

    [Fact]
    public void ClearingAField_RemovesTheProperty()
    {
        var value = new JsonObject { ["ratio"] = 0.5 };
        var form = Render(value);

        form.Find("#cfg-ratio").Change("");

        Assert.False(value.ContainsKey("ratio"));
    }

    [Fact]
    public void ExpressionMode_OnANumberField_StoresTheExpressionAsAString()
    {
        var value = new JsonObject();
        var form = Render(value, expressions: true);

        form.Find("#cfg-timeoutMs-expr").Change(true);
        Assert.Equal("text", form.Find("#cfg-timeoutMs").GetAttribute("type"));
        form.Find("#cfg-timeoutMs").Change("{{ input.timeout }}");

        Assert.Equal("{{ input.timeout }}", value["timeoutMs"]!.GetValue<string>());
        Assert.Empty(form.FindAll("#cfg-url-expr")); // text fields take {{ }} as they are
    }

    [Fact]
    public void AStoredExpression_OpensInExpressionMode()
    {
        var form = Render(new JsonObject { ["timeoutMs"] = "{{ input.t }}" }, expressions: true);

        Assert.Equal("text", form.Find("#cfg-timeoutMs").GetAttribute("type"));
        Assert.True(form.Find("#cfg-timeoutMs-expr").HasAttribute("checked"));
    }

    [Fact]
    public void ServerErrors_KeyedByPointer_AreShownOnTheirField()
    {
        var errors = new Dictionary<string, string[]>
        {
            ["/url"] = ["is required"],
            ["/headers/x-a"] = ["must be a string"],
            ["/unknownThing"] = ["is not allowed"],
        };
        var form = Render([], errors);

        Assert.Equal("true", form.Find("#cfg-url").GetAttribute("aria-invalid"));
        Assert.Equal("cfg-url-help cfg-url-error", form.Find("#cfg-url").GetAttribute("aria-describedby"));
        Assert.Contains("is required", form.Find("#cfg-url-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("must be a string", form.Find("#cfg-headers-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("/unknownThing", form.Markup, StringComparison.Ordinal);
        Assert.Equal("false", form.Find("#cfg-method").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void AnErrorOnTheWholeObject_MarksEachEmptyRequiredField()
    {
        var form = Render(new JsonObject { ["url"] = "https://a.test" }, new Dictionary<string, string[]> { [""] = ["missing required property 'method'"] });

        Assert.Equal("true", form.Find("#cfg-method").GetAttribute("aria-invalid"));
        Assert.Equal("false", form.Find("#cfg-url").GetAttribute("aria-invalid"));
        Assert.Equal("false", form.Find("#cfg-timeoutMs").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void AMissingRequiredProperty_IsSaidOnItsField_NotAgainBelowTheForm()
    {
        var form = Render(
            new JsonObject { ["url"] = "https://a.test" },
            new Dictionary<string, string[]> { [""] = ["missing required property 'method'", "at most 3 properties"] });

        Assert.Contains("is required", form.Find("#cfg-method-error").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("missing required property", form.Markup, StringComparison.Ordinal);
        Assert.Contains("at most 3 properties", form.Markup, StringComparison.Ordinal); // about no one field: still listed
    }

    [Fact]
    public void ASchemaWithoutProperties_SaysThereIsNothingToFill()
    {
        var form = Render<SchemaForm>(p => p.Add(f => f.Schema, new JsonObject { ["type"] = "object" }).Add(f => f.Value, []));

        Assert.Contains("No fields", form.Markup, StringComparison.Ordinal);
        Assert.Empty(form.FindAll("input"));
    }
}
