using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Toolflow.Server.Web.Forms;

namespace Toolflow.Web.Tests.Forms;

/// <summary>A generated form posted by a static page (the public link's run form) read back into JSON.</summary>
public sealed class PostedFieldsTests
{
    private static readonly IReadOnlyList<FieldSpec> Fields = FieldSpec.FromSchema(JsonNode.Parse("""
        { "required": ["who"], "properties": {
            "who": { "type": "string" }, "times": { "type": "integer" }, "loud": { "type": "boolean" },
            "tags": { "type": "array" }, "a/b": { "type": "number" } } }
        """)!.AsObject());

    [Fact]
    public void TypedText_IsParsedAsTheInteractiveFormParsesIt()
    {
        var posted = new Dictionary<string, StringValues>
        {
            ["input.who"] = "Zoë <b>",
            ["input.times"] = "3",
            ["input.loud"] = "true",
            ["input.tags"] = """["x"]""",
            ["input.a/b"] = "",
        };

        var (value, errors) = PostedFields.Read(Fields, "input", key => posted.GetValueOrDefault(key));

        Assert.Empty(errors);
        Assert.Equal("Zoë <b>", value["who"]!.GetValue<string>());
        Assert.Equal(3L, value["times"]!.GetValue<long>());
        Assert.True(value["loud"]!.GetValue<bool>());
        Assert.Equal("x", Assert.Single(value["tags"]!.AsArray())!.GetValue<string>());
        Assert.False(value.ContainsKey("a/b")); // left empty: left out
    }

    [Fact]
    public void WhatDoesNotParse_IsKeyedByJsonPointer_AndAnUntickedBoxIsFalse()
    {
        var posted = new Dictionary<string, StringValues> { ["input.times"] = "three", ["input.tags"] = "[", ["input.a/b"] = "x" };

        var (value, errors) = PostedFields.Read(Fields, "input", key => posted.GetValueOrDefault(key));

        Assert.Equal(["/who", "/times", "/tags", "/a~1b"], errors.Keys);
        Assert.Equal("is required", Assert.Single(errors["/who"]));
        Assert.False(value["loud"]!.GetValue<bool>());
    }
}
