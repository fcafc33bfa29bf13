using System.Text.Json.Nodes;
using Toolflow.Generation.Models;
using Toolflow.Generation.Pipeline;
using Toolflow.Generation.Tests.Planning;
using Toolflow.Tools.Catalog;

namespace Toolflow.Generation.Tests.Models;

/// <summary>The generator's loop against a scripted model over real HTTP.</summary>
public sealed class ModelRepairLoopTests
{
    private const string Valid = """
        { "name": "Digest", "trigger": { "type": "schedule", "cron": "0 8 * * 1-5" },
          "nodes": [
            { "id": "fetch", "tool": "http.request", "config": { "url": "https://example.org/feed" } },
            { "id": "mail", "tool": "email.send", "config": { "to": "me@example.org", "subject": "Digest", "body": "{{ nodes.fetch.output.body }}" } } ],
          "edges": [ { "source": "fetch", "target": "mail" } ] }
        """;

    private const string Invalid = """
        { "name": "Digest",
          "nodes": [
            { "id": "fetch", "tool": "http.reqest", "config": { "url": "https://example.org/feed" } },
            { "id": "mail", "tool": "email.send", "config": { "to": "me@example.org", "subject": "Digest", "body": "{{ nodes.fetchh.output.body }}" } } ],
          "edges": [ { "source": "fetch", "target": "mail" } ] }
        """;

    [Fact]
    public async Task RepairLoop_FixesAnInvalidFirstDraft_FeedingBackEveryProblem()
    {
        await using var server = await ScriptedModelServer.StartAsync(Invalid, Valid);

        var outcome = await GenerateAsync(server, "openai", "every weekday at 8 mail me the feed");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Attempts);
        Assert.Equal("openai:scripted-model", outcome.Model);
        Assert.Equal("fetch", outcome.Definition!.Nodes[0].Id);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("json_schema", (string?)requests[0]["response_format"]!["type"]);
        var repair = LastUserMessage(requests[1]);
        Assert.Contains("/nodes/0/tool: unknown tool 'http.reqest' (did you mean 'http.request'?)", repair, StringComparison.Ordinal);
        Assert.Contains("/nodes/1/config/body: refers to unknown node 'fetchh'", repair, StringComparison.Ordinal);
        Assert.Equal([null, "understand", "retrieve_tools", "draft", "validate", "repair", "validate", "done"],
            outcome.Conversation.Select(e => (string?)e!["step"]));
    }

    [Fact]
    public async Task ModelThatNeverProducesAValidDraft_FailsClearlyAfterNRounds()
    {
        await using var server = await ScriptedModelServer.StartAsync(Invalid);

        var outcome = await GenerateAsync(server, "openai", "mail me the feed", rounds: 2);

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Definition);
        Assert.Equal(3, outcome.Attempts);
        Assert.Equal(3, server.Requests.Count);
        Assert.Contains("3 drafts", outcome.FailureReason, StringComparison.Ordinal);
        Assert.Contains(outcome.LastProblems, p => p.Pointer == "/nodes/0/tool");
        Assert.Equal("failed", (string?)outcome.Conversation[^1]!["step"]);
    }

    [Fact]
    public async Task MalformedJson_IsAProblemFedBack_ThenRepaired()
    {
        await using var server = await ScriptedModelServer.StartAsync("Sure! Here is your workflow: { \"name\": \"Digest\", \"nodes\": [", Valid);

        var outcome = await GenerateAsync(server, "openai", "mail me the feed");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Attempts);
        Assert.Contains("the answer is not JSON", LastUserMessage(server.Requests.ToArray()[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonInACodeFence_IsRead()
    {
        await using var server = await ScriptedModelServer.StartAsync("```json\n" + Valid + "\n```");

        var outcome = await GenerateAsync(server, "openai", "mail me the feed");

        Assert.True(outcome.Succeeded);
        Assert.Equal(1, outcome.Attempts);
    }

    [Fact]
    public async Task Ollama_DraftsThroughTheSameLoop()
    {
        await using var server = await ScriptedModelServer.StartAsync(Invalid, Valid);

        var outcome = await GenerateAsync(server, "ollama", "mail me the feed");

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Attempts);
        Assert.NotNull(server.Requests.First()["format"]);
    }

    [Fact]
    public async Task CredentialTheModelInvented_IsRemoved_AndBecomesATodo()
    {
        var withCredential = Valid.Replace("\"tool\": \"email.send\",", "\"tool\": \"email.send\", \"credential\": \"smtp-main\",", StringComparison.Ordinal);
        await using var server = await ScriptedModelServer.StartAsync(withCredential);

        var outcome = await GenerateAsync(server, "openai", "mail me the feed");

        Assert.Null(outcome.Definition!.Nodes[1].Credential);
        Assert.Contains(outcome.Todos, t => t.Contains("'smtp-main'", StringComparison.Ordinal));
    }

    private static async Task<GenerationOutcome> GenerateAsync(ScriptedModelServer server, string provider, string prompt, int rounds = 3)
    {
        var options = new GenerationModelOptions
        {
            Provider = provider,
            Model = "scripted-model",
            BaseUrl = provider == "ollama" ? server.OllamaBaseUrl : server.OpenAiBaseUrl,
            TimeoutMs = 30_000,
        };
        using var http = new HttpClient();
        var drafter = new ChatModelDrafter(ChatClientFactory.Create(options, http), $"{provider}:scripted-model");
        var generator = new WorkflowGenerator(ToolCatalog.BuiltIn, Generate.Validator, drafter, TimeProvider.System, new GeneratorOptions { MaxRepairRounds = rounds });
        return await generator.GenerateAsync(new GenerationRequest(prompt));
    }

    private static string LastUserMessage(JsonObject request) =>
        request["messages"]!.AsArray().Where(m => (string?)m!["role"] == "user").Select(m => (string?)m!["content"] ?? string.Empty).Last();
}
