using System.Text.Json.Nodes;
using Toolflow.Server.Web.Forms;

namespace Toolflow.Web.Tests.Forms;

public sealed class FieldSpecTests
{
    [Fact]
    public void Kinds_FollowTheSchema()
    {
        var fields = FieldSpec.FromSchema(JsonNode.Parse("""
            { "properties": {
                "template": { "type": "string" }, "name": { "type": ["string", "null"] }, "n": { "type": "integer" },
                "items": { "type": "array" }, "any": {}, "long": { "type": "string", "maxLength": 5000 } } }
            """)!.AsObject());

        Assert.Equal(
            [FieldKind.LongText, FieldKind.Text, FieldKind.Integer, FieldKind.Json, FieldKind.Json, FieldKind.LongText],
            fields.Select(f => f.Kind));
    }

    [Fact]
    public void NoSchema_OrNoProperties_HasNoFields()
    {
        Assert.Empty(FieldSpec.FromSchema(null));
        Assert.Empty(FieldSpec.FromSchema(new JsonObject { ["type"] = "string" }));
    }

    [Theory]
    [InlineData(FieldKind.Integer, "12", "12")]
    [InlineData(FieldKind.Integer, "1.5", null)]
    [InlineData(FieldKind.Number, "1e3", "1000")]
    [InlineData(FieldKind.Number, "NaN", null)]
    [InlineData(FieldKind.Boolean, "true", "true")]
    [InlineData(FieldKind.Json, "[1,2]", "[1,2]")]
    [InlineData(FieldKind.Text, "42", "\"42\"")]
    public void Parse_GivesTheValueOrAnError(FieldKind kind, string text, string? json)
    {
        var (value, error) = FieldValue.Parse(new FieldSpec("f", "f", null, kind, false, [], null), text, expression: false);

        Assert.Equal(json, value?.ToJsonString());
        Assert.Equal(json is null, error is not null);
    }

    [Fact]
    public void Parse_OfAnEmptyRequiredField_SaysItIsRequired()
    {
        var (value, error) = FieldValue.Parse(new FieldSpec("f", "f", null, FieldKind.Text, true, [], null), "", expression: false);

        Assert.Null(value);
        Assert.Equal("is required", error);
    }
}
