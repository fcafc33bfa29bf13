using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Server.Tests.Api.Generation;

public sealed class GenerationEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    private const string Prompt = "every day at 6pm fetch https://example.com/sales and summarise it";

    private async Task<int> RowCountAsync() => (await factory.Repositories.Workflows.ListAsync(
        Storage.Repositories.Caller.Admin(Guid.Empty), new Storage.Repositories.Workflows.WorkflowListQuery { Limit = 100 })).Items.Count;

    private static async Task<JsonElement> GenerateAsync(HttpClient client, string prompt)
    {
        using var response = await client.PostJsonAsync("/api/v1/workflows/generate", JsonSerializer.Serialize(new { prompt }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task Generate_SavesADraft_WithItsGenerationFields_AndAReport()
    {
        using var client = factory.AdminClient();

        var body = await GenerateAsync(client, "every weekday at 8am fetch https://news.example.org/feed, summarise it and email the summary to me@example.org");

        var workflow = body.GetProperty("workflow");
        Assert.Equal("draft", workflow.GetProperty("status").GetString());
        Assert.Equal(1, workflow.GetProperty("version").GetInt32());
        Assert.Equal("0 8 * * 1-5", workflow.GetProperty("trigger").GetProperty("cron").GetString());
        Assert.Equal(["http.request", "llm.chat", "email.send"], workflow.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("tool").GetString()));
        Assert.StartsWith("every weekday at 8am", workflow.GetProperty("generationPrompt").GetString(), StringComparison.Ordinal);
        Assert.Equal("offline-planner", workflow.GetProperty("generationModel").GetString());
        Assert.Equal(1, workflow.GetProperty("generationAttempts").GetInt32());
        var steps = workflow.GetProperty("generationConversation").EnumerateArray()
            .Select(e => e.TryGetProperty("step", out var s) ? s.GetString() : e.GetProperty("role").GetString()).ToList();
        Assert.Equal(["user", "understand", "retrieve_tools", "draft", "validate", "done"], steps);
        Assert.Contains(body.GetProperty("report").GetProperty("todos").EnumerateArray(), t => t.GetString()!.Contains("SMTP credential", StringComparison.Ordinal));

        var stored = await factory.Repositories.Workflows.GetAsync(Storage.Repositories.Caller.Admin(Guid.Empty), workflow.GetProperty("id").GetGuid());
        Assert.Equal(6, stored!.GenerationConversation!.Count);
    }

    [Fact]
    public async Task Generate_UsesTheCallersOwnCredentials_NeverAnotherUsers()
    {
        var (ownerId, owner) = await factory.CreateMemberAsync();
        var (otherId, other) = await factory.CreateMemberAsync();
        await factory.Repositories.Credentials.CreateAsync(new Storage.Repositories.Caller(ownerId, Core.Definitions.UserRole.Member), "my-smtp", "smtp", new JsonObject { ["host"] = "mail.example.org" });
        using (owner)
        using (other)
        {
            var mine = await GenerateAsync(owner, "email the input to a@example.org");
            var theirs = await GenerateAsync(other, "email the input to a@example.org");

            Assert.Equal("my-smtp", mine.GetProperty("workflow").GetProperty("nodes")[0].GetProperty("credential").GetString());
            Assert.False(theirs.GetProperty("workflow").GetProperty("nodes")[0].TryGetProperty("credential", out _));
            Assert.Contains(theirs.GetProperty("report").GetProperty("todos").EnumerateArray(), t => t.GetString()!.Contains("SMTP", StringComparison.Ordinal));
            _ = otherId;
        }
    }

    [Fact]
    public async Task FollowUp_ChangesThatWorkflow_AsANewVersion_KeepingTheConversation()
    {
        using var client = factory.AdminClient();
        var first = (await GenerateAsync(client, Prompt)).GetProperty("workflow");
        var id = first.GetProperty("id").GetGuid();
        var rows = await RowCountAsync();

        using var response = await client.PostJsonAsync($"/api/v1/workflows/{id}/generate", """{ "prompt": "also e-mail it to ops@x.com" }""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var workflow = body.GetProperty("workflow");
        Assert.Equal(id, workflow.GetProperty("id").GetGuid());
        Assert.Equal(2, workflow.GetProperty("version").GetInt32());
        Assert.Equal(["http.request", "llm.chat", "email.send"], workflow.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("tool").GetString()));
        Assert.Equal("ops@x.com", workflow.GetProperty("nodes")[2].GetProperty("config").GetProperty("to").GetString());
        Assert.Equal(first.GetProperty("trigger").GetProperty("cron").GetString(), workflow.GetProperty("trigger").GetProperty("cron").GetString());
        var conversation = workflow.GetProperty("generationConversation").EnumerateArray().ToList();
        Assert.Equal(2, conversation.Count(e => e.GetProperty("role").GetString() == "user"));
        Assert.Equal("also e-mail it to ops@x.com", conversation.Last(e => e.GetProperty("role").GetString() == "user").GetProperty("content").GetString());
        Assert.Equal(2, workflow.GetProperty("generationAttempts").GetInt32());
        Assert.Equal(rows, await RowCountAsync());

        using var versions = await client.GetAsync($"/api/v1/workflows/{id}/versions");
        Assert.Equal(2, (await versions.ReadJsonAsync()).GetProperty("items").GetArrayLength());

        using var hourly = await client.PostJsonAsync($"/api/v1/workflows/{id}/generate", """{ "prompt": "run it hourly instead" }""");
        var third = (await hourly.ReadJsonAsync()).GetProperty("workflow");
        Assert.Equal(3, third.GetProperty("version").GetInt32());
        Assert.Equal("0 * * * *", third.GetProperty("trigger").GetProperty("cron").GetString());
        Assert.Equal(3, third.GetProperty("nodes").GetArrayLength());
    }

    [Fact]
    public async Task FollowUp_OnAWorkflowTheCallerCannotSee_Answers404_AndChangesNothing()
    {
        using var admin = factory.AdminClient();
        var id = (await GenerateAsync(admin, Prompt)).GetProperty("workflow").GetProperty("id").GetGuid();
        var (_, stranger) = await factory.CreateMemberAsync();
        using (stranger)
        {
            using var response = await stranger.PostJsonAsync($"/api/v1/workflows/{id}/generate", """{ "prompt": "also e-mail it to evil@x.com" }""");
            await response.AssertProblemAsync(HttpStatusCode.NotFound);

            using var missing = await admin.PostJsonAsync($"/api/v1/workflows/{Guid.NewGuid()}/generate", """{ "prompt": "hourly" }""");
            await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        var stored = await factory.Repositories.Workflows.GetAsync(Storage.Repositories.Caller.Admin(Guid.Empty), id);
        Assert.Equal(1, stored!.Version);
    }

    [Theory]
    [InlineData("""{ "prompt": "" }""", "/prompt")]
    [InlineData("""{ "prompt": "   " }""", "/prompt")]
    [InlineData("""{ }""", "/prompt")]
    [InlineData("""{ "prompt": 42 }""", "/prompt")]
    [InlineData("""{ "prompt": "hourly", "colour": "red" }""", "/colour")]
    public async Task Generate_BadInput_Answers400WithThePointer_AndWritesNothing(string json, string pointer)
    {
        using var client = factory.AdminClient();
        var rows = await RowCountAsync();

        using var response = await client.PostJsonAsync("/api/v1/workflows/generate", json);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, pointer);
        Assert.Equal(rows, await RowCountAsync());
    }

    [Fact]
    public async Task Generate_MalformedOversizedOrNotJson_IsRefused_AndWritesNothing()
    {
        using var client = factory.AdminClient();
        var rows = await RowCountAsync();

        using var malformed = await client.PostJsonAsync("/api/v1/workflows/generate", """{ "prompt": "hourly" """);
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);
        using var oversized = await client.PostJsonAsync("/api/v1/workflows/generate", JsonSerializer.Serialize(new { prompt = new string('x', 20_000) }));
        await oversized.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        using var text = await client.PostAsync(ApiTestData.Uri("/api/v1/workflows/generate"), new StringContent("prompt=hourly"));
        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        using var hostile = await client.PostJsonAsync("/api/v1/workflows/generate", JsonSerializer.Serialize(new { prompt = "fetch https://example.com/{{ while(true){} }} and summarise it" }));
        Assert.True(hostile.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, hostile.StatusCode.ToString());

        Assert.Equal(rows + (hostile.StatusCode == HttpStatusCode.Created ? 1 : 0), await RowCountAsync());
    }

    [Fact]
    public async Task Generation_WithoutAKey_Answers401()
    {
        using var client = factory.CreateClient();

        using var generate = await client.PostJsonAsync("/api/v1/workflows/generate", """{ "prompt": "hourly" }""");
        using var followUp = await client.PostJsonAsync($"/api/v1/workflows/{Guid.NewGuid()}/generate", """{ "prompt": "hourly" }""");
        using var optimize = await client.PostJsonAsync($"/api/v1/workflows/{Guid.NewGuid()}/optimize", "{}");
        using var suggest = await client.PostJsonAsync("/api/v1/tools/suggest", """{ "requirements": ["mail"] }""");

        Assert.All(new[] { generate, followUp, optimize, suggest }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
    }
}
