using System.Text.Json.Nodes;
using Bunit;
using Toolflow.Server.Web.Forms;

namespace Toolflow.Web.Tests.Forms;

/// <summary>An instance node's config form: what the instance sets is satisfied; what it leaves out is still asked for.</summary>
public sealed class InstanceOverridesTests : BunitContext
{
    private static readonly JsonObject ToolSchema = JsonNode.Parse("""
        { "type": "object", "required": ["url", "method"], "properties": {
            "url": { "type": "string", "description": "Where to send it." }, "method": { "type": "string", "enum": ["GET", "POST"] },
            "timeoutMs": { "type": "integer" } } }
        """)!.AsObject();

    [Fact]
    public void FieldsTheInstanceSets_AreNotRequired_AndSayWhatTheInstanceGives()
    {
        var schema = InstanceOverrides.SchemaFor(ToolSchema, new JsonObject { ["url"] = "https://example.org/hook", ["timeoutMs"] = 500 });

        var fields = FieldSpec.FromSchema(schema).ToDictionary(f => f.Name);
        Assert.False(fields["url"].Required);
        Assert.True(fields["method"].Required); // the instance leaves it to the node
        Assert.Equal("Where to send it. Set by the tool instance: https://example.org/hook. Leave empty to use it; fill in to override it.", fields["url"].Description);
        Assert.Contains("Set by the tool instance: 500.", fields["timeoutMs"].Description, StringComparison.Ordinal);
        Assert.Null(fields["method"].Description);
        Assert.Equal(["url", "method"], ToolSchema["required"]!.AsArray().Select(n => n!.GetValue<string>())); // the tool's own schema is untouched
    }

    [Fact]
    public void TheForm_DoesNotMarkASatisfiedFieldRequired_NorComplainWhenItIsLeftEmpty()
    {
        var schema = InstanceOverrides.SchemaFor(ToolSchema, new JsonObject { ["url"] = "https://example.org", ["method"] = "POST" });

        var form = Render<SchemaForm>(p => p
            .Add(f => f.Schema, schema).Add(f => f.Value, new JsonObject()).Add(f => f.IdPrefix, "config")
            .Add(f => f.Errors, new Dictionary<string, string[]> { [""] = ["missing required property 'url'"] }));

        Assert.Equal("false", form.Find("#config-url").GetAttribute("aria-required"));
        Assert.Empty(form.FindAll(".required"));
        Assert.Empty(form.FindAll("#config-url-error"));
    }

    [Fact]
    public void AnInstanceWithoutConfig_LeavesTheToolsFormAsItIs()
    {
        var schema = InstanceOverrides.SchemaFor(ToolSchema, []);

        Assert.Equal(ToolSchema.ToJsonString(), schema.ToJsonString());
    }
}
