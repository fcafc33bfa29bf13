using System.Net;
using System.Text.Json;

namespace Toolflow.Server.Tests.Api.Generation;

public sealed class ToolSuggestionEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task Suggest_RanksToolsWithScoresAndReasons()
    {
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/tools/suggest", """{ "requirements": ["send a mail to the team", "download the report"] }""");
        var items = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(items.Take(2), i => i.GetProperty("name").GetString() == "email.send");
        Assert.Contains(items.Take(2), i => i.GetProperty("name").GetString() == "http.request");
        Assert.All(items, i => Assert.InRange(i.GetProperty("score").GetDouble(), 0.0, 1.0));
        Assert.All(items, i => Assert.Contains("matched", i.GetProperty("reason").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "requirements": [] }""", "/requirements")]
    [InlineData("""{ }""", "/requirements")]
    [InlineData("""{ "requirements": "mail" }""", "/requirements")]
    [InlineData("""{ "requirements": [""] }""", "/requirements/0")]
    public async Task Suggest_BadInput_Answers400WithThePointer(string json, string pointer)
    {
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/tools/suggest", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, pointer);
    }

    [Fact]
    public async Task Suggest_TooManyOrTooLongRequirements_Answers400()
    {
        using var client = factory.AdminClient();

        using var many = await client.PostJsonAsync("/api/v1/tools/suggest", JsonSerializer.Serialize(new { requirements = Enumerable.Repeat("mail", 21) }));
        using var longOne = await client.PostJsonAsync("/api/v1/tools/suggest", JsonSerializer.Serialize(new { requirements = new[] { new string('m', 501) } }));

        await many.AssertProblemAsync(HttpStatusCode.BadRequest, "/requirements");
        await longOne.AssertProblemAsync(HttpStatusCode.BadRequest, "/requirements/0");
    }
}
