using System.Text.Json;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Tests.Import;

public sealed class ExpressionRewriteTests
{
    [Theory]
    [InlineData("={{ $json.x }}", "{{ nodes.Source.output.x }}")]
    [InlineData("={{ $json[\"a b\"] }}", "{{ nodes.Source.output[\"a b\"] }}")]
    [InlineData("={{ $input.first().json.x }}", "{{ nodes.Source.output.x }}")]
    [InlineData("={{ $('Source').item.json.x }}", "{{ nodes.Source.output.x }}")]
    [InlineData("={{ $(\"Other\").first().json.y.toUpperCase() }}", "{{ nodes.Other.output.y.toUpperCase() }}")]
    [InlineData("={{ $node[\"Other\"].json[\"y\"] }}", "{{ nodes.Other.output.y }}")]
    [InlineData("=At {{ $now }} run {{ $execution.id }}", "At {{ new Date().toISOString() }} run {{ execution.id }}")]
    [InlineData("plain {{ text }}", "plain {{ \"{{\" }} text }}")]
    [InlineData("={{ $if($json.ok, 'yes', 'no') }}", "{{ ((c, a, b) => c ? a : b)(nodes.Source.output.ok, 'yes', 'no') }}")]
    [InlineData("={{ $json.o.toJsonString() }}", "{{ JSON.stringify(nodes.Source.output.o) }}")]
    [InlineData("={{ $json[\"a\"].isNotEmpty() }}", "{{ ((v) => !(v == null || v === '' || (typeof v === 'object' && Object.keys(v).length === 0)))(nodes.Source.output.a) }}")]
    [InlineData("={{ $today }}", "{{ new Date(new Date().setHours(0, 0, 0, 0)).toISOString() }}")]
    public void Expression_WithAnEquivalent_IsRewritten(string n8n, string toolflow)
    {
        var definition = Convert(n8n).Sound();
        Assert.Equal(toolflow, definition.Node("Use").Config!["values"]!["v"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("={{ $input.all().length }}", "$input")]
    [InlineData("={{ $binary.data }}", "$binary")]
    [InlineData("={{ ($json.x || 'a').isEmpty() }}", "isEmpty")]
    [InlineData("={{ $('Missing').item.json.x }}", "does not exist")]
    [InlineData("={{ $json.x + }}", "does not parse")]
    public void Expression_WithoutEquivalent_IsReportedWithTheExpression(string n8n, string reason)
    {
        var result = Convert(n8n);
        Assert.Null(result.Definition);
        var entry = result.Entry("Use");
        Assert.Equal(UnconvertedKind.ExpressionWithoutEquivalent, entry.Kind);
        Assert.Contains(reason, entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_AfterBothBranchesOfAnIf_IsTheIfsInput()
    {
        var definition = new N8nDoc().Node("Data", "set", "{}")
            .Node("Check", "if", """{"conditions": {"boolean": [{"value1": "={{ $json.ok }}", "value2": true}]}}""")
            .Node("Use", "set", """{"values": {"string": [{"name": "v", "value": "={{ $json.x }}"}]}}""")
            .Connect("Data", "Check").Connect("Check", "Use", 0).Connect("Check", "Use", 1).Convert().Sound();
        Assert.Equal("""{"v":"{{ nodes.Data.output.x }}"}""", definition.Config("Use", "values"));
        Assert.Equal(["true", "false"], definition.Edges.Where(e => e.Target == "Use").Select(e => e.Branch));
    }

    [Fact]
    public void Json_WithSeveralParents_IsReported()
    {
        var result = new N8nDoc().Node("A", "set", "{}").Node("B", "set", "{}")
            .Node("Use", "set", """{"values": {"string": [{"name": "v", "value": "={{ $json.x }}"}]}}""")
            .Connect("A", "Use").Connect("B", "Use").Convert();
        Assert.Contains("several parents", result.Entry("Use").Reason, StringComparison.Ordinal);
    }

    /// <summary>An id with '-' (allowed in ids, from names like "Fetch - Data") is not a JavaScript identifier: <c>nodes.a-b</c> would subtract.</summary>
    [Fact]
    public void Reference_ToANodeWhoseIdHasAHyphen_UsesBracketNotation()
    {
        var definition = new N8nDoc().Node("Fetch - Data", "set", "{}")
            .Node("Use", "set", """{"values": {"string": [{"name": "v", "value": "={{ $json.x }}"}, {"name": "w", "value": "={{ $('Fetch - Data').item.json.y }}"}]}}""")
            .Connect("Fetch - Data", "Use").Convert().Sound();
        Assert.Equal("Fetch_-_Data", definition.Nodes[0].Id);
        var values = definition.Node("Use").Config!["values"]!;
        Assert.Equal("""{{ nodes["Fetch_-_Data"].output.x }}""", values["v"]!.GetValue<string>());
        Assert.Equal("""{{ nodes["Fetch_-_Data"].output.y }}""", values["w"]!.GetValue<string>());
    }

    private static Toolflow.Core.Import.N8nImportResult Convert(string value) => new N8nDoc()
        .Node("Source", "set", "{}").Node("Other", "set", "{}")
        .Node("Use", "set", "{\"values\": {\"string\": [{\"name\": \"v\", \"value\": " + JsonSerializer.Serialize(value) + "}]}}")
        .Connect("Source", "Use").Convert();
}
