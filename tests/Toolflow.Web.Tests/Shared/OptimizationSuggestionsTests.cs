using System.Text.Json.Nodes;
using Bunit;
using Toolflow.Server.Web.Components.Shared;

namespace Toolflow.Web.Tests.Shared;

/// <summary>The optimiser's suggestions as a readable list, every text as text.</summary>
public sealed class OptimizationSuggestionsTests : BunitContext
{
    [Fact]
    public void EachSuggestion_SaysWhatWhyAndWhichNodes_WithItsEvidence_NotAsRawJson()
    {
        var answer = JsonNode.Parse("""
            { "applied": false, "suggestions": [
              { "kind": "parallelize", "nodes": ["fetch", "mail"], "message": "mail reads nothing of fetch: start them together",
                "evidence": { "edge": "fetch → mail", "targetReads": ["input.to"] }, "applicable": true },
              { "kind": "slow_node", "nodes": ["fetch"], "message": "fetch is the slowest node", "evidence": { "runs": 12, "averageMs": 950.5 }, "applicable": false } ] }
            """)!.AsObject();

        var list = Render<OptimizationSuggestions>(p => p.Add(c => c.Answer, answer));

        var items = list.FindAll("li[data-kind]");
        Assert.Equal(2, items.Count);
        Assert.Contains("Run in parallel", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["fetch", "mail"], items[0].QuerySelectorAll("code").Select(c => c.TextContent));
        Assert.Contains("mail reads nothing of fetch: start them together", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("can be applied", items[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["edge", "targetReads"], items[0].QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal(["fetch → mail", "input.to"], items[0].QuerySelectorAll("dd").Select(d => d.TextContent));
        Assert.Contains("Slow node", items[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("can be applied", items[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("\"kind\"", list.Markup, StringComparison.Ordinal);
        Assert.Empty(list.FindAll("pre"));
    }

    [Fact]
    public void HostileText_IsShownAsText_NeverAsMarkup()
    {
        var answer = new JsonObject
        {
            ["suggestions"] = new JsonArray(new JsonObject
            {
                ["kind"] = "<img src=x onerror=alert(1)>",
                ["nodes"] = new JsonArray("<script>alert(2)</script>"),
                ["message"] = "<b>bold</b> & \"quoted\"",
                ["evidence"] = new JsonObject { ["<i>k</i>"] = new JsonObject { ["x"] = "<u>v</u>" } },
                ["applicable"] = false,
            }),
        };

        var list = Render<OptimizationSuggestions>(p => p.Add(c => c.Answer, answer));

        Assert.Empty(list.FindAll("li img, li script, li b, li i, li u"));
        var item = list.Find("li");
        Assert.Contains("<img src=x onerror=alert(1)>", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("<script>alert(2)</script>", item.QuerySelector("code")!.TextContent);
        Assert.Contains("<b>bold</b> & \"quoted\"", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("""{"x":"<u>v</u>"}""", item.QuerySelector("dd")!.TextContent);
    }

    [Fact]
    public void NoSuggestions_SaysSo()
    {
        var list = Render<OptimizationSuggestions>(p => p.Add(c => c.Answer, new JsonObject { ["suggestions"] = new JsonArray() }));

        Assert.Contains("Nothing to suggest", list.Markup, StringComparison.Ordinal);
    }
}
