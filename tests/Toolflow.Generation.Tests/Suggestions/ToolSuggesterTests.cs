using Toolflow.Generation.Suggestions;
using Toolflow.Tools.Catalog;

namespace Toolflow.Generation.Tests.Suggestions;

public sealed class ToolSuggesterTests
{
    private readonly ToolSuggester suggester = new(ToolCatalog.BuiltIn);

    [Theory]
    [InlineData("send a mail to the team", "email.send")]
    [InlineData("download a web page", "http.request")]
    [InlineData("summarize customer feedback", "llm.chat")]
    [InlineData("store rows in postgres", "db.query")]
    [InlineData("wait ten minutes", "flow.delay")]
    [InlineData("a manager must sign-off", "flow.approval")]
    [InlineData("run custom javascript", "code.javascript")]
    [InlineData("route by category", "flow.switch")]
    [InlineData("combine the parallel results", "flow.merge")]
    [InlineData("render a text template", "data.template")]
    public void Requirement_RanksTheRightToolFirst_WithScoreAndReason(string requirement, string tool)
    {
        var ranked = suggester.Rank(requirement);

        Assert.Equal(tool, ranked[0].Name);
        Assert.InRange(ranked[0].Score, 0.5, 1.0);
        Assert.Contains(requirement.Length > 57 ? requirement[..57] : requirement, ranked[0].Reason, StringComparison.Ordinal);
        Assert.All(ranked.Skip(1), r => Assert.True(r.Score <= ranked[0].Score));
    }

    [Fact]
    public void Synonyms_AreNamedInTheReason()
    {
        var top = suggester.Rank("notify the on-call person")[0];

        Assert.Equal("email.send", top.Name);
        Assert.Contains("'notify' (as 'email')", top.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralRequirements_GiveEachToolItsBestScore()
    {
        var ranked = suggester.Suggest(["fetch the feed", "mail the summary"]);

        Assert.Contains(ranked, r => r.Name == "http.request");
        Assert.Contains(ranked, r => r.Name == "email.send");
        Assert.Equal(ranked.Count, ranked.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Gibberish_MatchesNothing()
    {
        Assert.Empty(suggester.Rank("qwxz zzkv"));
    }
}
