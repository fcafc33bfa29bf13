using System.Net;
using System.Text.Json;

namespace Toolflow.Server.Tests.Api;

public sealed class ImportEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    private const string Export = """
        { "name": "From n8n", "nodes": [
            { "name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {} },
            { "name": "Set It", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [200, 0],
              "parameters": { "assignments": { "assignments": [ { "id": "1", "name": "x", "value": 1, "type": "number" } ] }, "options": {} } },
            { "name": "Sheet", "type": "n8n-nodes-base.googleSheets", "typeVersion": 4, "position": [400, 0], "parameters": {} } ],
          "connections": {
            "Start": { "main": [ [ { "node": "Set It", "type": "main", "index": 0 } ] ] },
            "Set It": { "main": [ [ { "node": "Sheet", "type": "main", "index": 0 } ] ] } } }
        """;

    private static async Task<int> WorkflowCountAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/v1/workflows?limit=100")).ReadJsonAsync()).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task Import_WithPlaceholders_SavesADraft_AndReportsWhatWasNotConverted()
    {
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/workflows/import",
            $$"""{ "format": "n8n", "placeholders": true, "content": {{Export}} }""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("draft", body.GetProperty("workflow").GetProperty("status").GetString());
        Assert.False(body.GetProperty("report").GetProperty("fullyConverted").GetBoolean());
        var sheet = body.GetProperty("report").GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("n8nName").GetString() == "Sheet");
        Assert.Equal("unconverted", sheet.GetProperty("outcome").GetString());
        Assert.Contains("googleSheets", sheet.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutPlaceholders_RefusesAPartialConversion_AndWritesNothing()
    {
        using var client = factory.AdminClient();
        var before = await WorkflowCountAsync(client);

        using var response = await client.PostJsonAsync("/api/v1/workflows/import",
            JsonSerializer.Serialize(new { format = "n8n", content = Export }));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.True(problem.TryGetProperty("report", out _));
        Assert.Equal(before, await WorkflowCountAsync(client));
    }

    [Theory]
    [InlineData("""{ "format": "zapier", "content": {} }""", "/format")]
    [InlineData("""{ "format": "n8n" }""", "/content")]
    [InlineData("""{ "format": "n8n", "content": 42 }""", "/content")]
    public async Task Import_BadRequest_NamesTheField_AndWritesNothing(string json, string pointer)
    {
        using var client = factory.AdminClient();
        var before = await WorkflowCountAsync(client);

        using var response = await client.PostJsonAsync("/api/v1/workflows/import", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, pointer);
        Assert.Equal(before, await WorkflowCountAsync(client));
    }

    [Fact]
    public async Task Import_OfABrokenExport_Answers422WithItsKind()
    {
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/workflows/import", """{ "format": "n8n", "content": "{ not json" }""");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("NotJson", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Import_WithoutAKey_Answers401()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostJsonAsync("/api/v1/workflows/import", """{ "format": "n8n", "content": {} }""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
