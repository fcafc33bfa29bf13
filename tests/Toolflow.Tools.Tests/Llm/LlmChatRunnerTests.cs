using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Http;
using Toolflow.Tools.Llm;
using Toolflow.Tools.Tests.Http;

namespace Toolflow.Tools.Tests.Llm;

/// <summary>llm.chat against a real OpenAI-compatible HTTP peer on 127.0.0.1.</summary>
public sealed class LlmChatRunnerTests : IAsyncLifetime
{
    private const string ApiKey = "sk-test-Secret-Key-123456";
    private readonly ConcurrentQueue<(JsonObject Body, string? Authorization)> received = new();
    private readonly LlmToolOptions options = new();
    private LocalHttpPeer peer = null!;
    private SocketsHttpHandler handler = null!;

    public async Task InitializeAsync()
    {
        peer = await FakeLlmPeers.StartAsync(received);

        // The runner sits on the SSRF-guarded handler, as in production, with the test peer's address allowed.
        var http = new HttpToolOptions();
        http.AllowedRanges.Add("127.0.0.1/32");
        handler = GuardedHttpHandler.Create(new AddressPolicy(http));
        options.Prices["gpt-test"] = new LlmPrice(2m, 10m);
    }

    public async Task DisposeAsync()
    {
        handler.Dispose();
        await peer.DisposeAsync();
    }

    private LlmSecret Secret() => LlmSecret.Parse("openai", new JsonObject { ["apiKey"] = ApiKey, ["baseUrl"] = peer.Url("/v1").ToString(), ["model"] = "gpt-test" });

    private async Task<LlmChatResult> ChatAsync(JsonObject config)
    {
        var runner = new LlmChatRunner(handler, options);
        return await runner.ChatAsync(config, Secret(), CancellationToken.None);
    }

    [Fact]
    public async Task Prompt_IsSentWithItsOptions_AndTheReplyAndUsageComeBack()
    {
        var result = await ChatAsync(new JsonObject { ["system"] = "Be brief.", ["prompt"] = "Summarise this", ["temperature"] = 0.25, ["maxTokens"] = 64 });

        var (body, authorization) = Assert.Single(received);
        Assert.Equal("gpt-test", (string)body["model"]!);
        Assert.Equal("""[{"role":"system","content":"Be brief."},{"role":"user","content":"Summarise this"}]""", Normalise(body["messages"]!));
        Assert.Equal(0.25, (double)body["temperature"]!, 3);
        Assert.Equal(64, (int)(body["max_completion_tokens"] ?? body["max_tokens"])!);
        Assert.Null(body["response_format"]);
        Assert.Equal($"Bearer {ApiKey}", authorization);

        Assert.Equal("echo: Summarise this", (string)result.Output["text"]!);
        Assert.Null(result.Output["json"]);
        Assert.Equal(11, (long)result.Output["usage"]!["inputTokens"]!);
        Assert.Equal(7, (long)result.Output["usage"]!["outputTokens"]!);
        Assert.Equal(new LlmUsage("openai", "gpt-test", 11, 7, ((11 * 2m) + (7 * 10m)) / 1_000_000m), result.Usage);
    }

    [Fact]
    public async Task Messages_KeepTheirRolesAndOrder_AndUnknownModelsCostNothing()
    {
        var result = await ChatAsync(new JsonObject
        {
            ["model"] = "local-llama",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "hi" },
                new JsonObject { ["role"] = "assistant", ["content"] = "hello" }),
            ["prompt"] = "and now?",
        });

        var (body, _) = Assert.Single(received);
        Assert.Equal("local-llama", (string)body["model"]!);
        Assert.Equal("""[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"},{"role":"user","content":"and now?"}]""", Normalise(body["messages"]!));
        Assert.Equal(0m, result.Usage.CostUsd);
    }

    [Fact]
    public async Task JsonMode_ParsesTheReply()
    {
        var result = await ChatAsync(new JsonObject { ["prompt"] = "two words", ["responseFormat"] = "json" });

        var (body, _) = Assert.Single(received);
        Assert.Equal("json_object", (string)body["response_format"]!["type"]!);
        Assert.Equal("two words", (string)result.Output["json"]!["answer"]!);
        Assert.Equal(2, (int)result.Output["json"]!["words"]!);
    }

    [Fact]
    public async Task SchemaMode_SendsTheSchema_AndAcceptsAMatchingReply()
    {
        var schema = Schema();
        var result = await ChatAsync(new JsonObject { ["prompt"] = "three little words", ["responseFormat"] = schema });

        var (body, _) = Assert.Single(received);
        Assert.Equal("json_schema", (string)body["response_format"]!["type"]!);
        Assert.Equal("string", (string)body["response_format"]!["json_schema"]!["schema"]!["properties"]!["answer"]!["type"]!);
        Assert.Equal(3, (int)result.Output["json"]!["words"]!);
    }

    [Fact]
    public async Task SchemaMode_ReplyThatDoesNotMatch_FailsNotRetryably()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "json-wrong", ["prompt"] = "x", ["responseFormat"] = Schema() }));

        Assert.Equal("schema_mismatch", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Contains("/answer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonMode_ReplyThatIsNotJson_FailsNotRetryably()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "json-broken", ["prompt"] = "x", ["responseFormat"] = "json" }));

        Assert.Equal("invalid_json", failure.Code);
        Assert.False(failure.Retryable);
    }

    private static JsonObject Schema() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["answer"] = new JsonObject { ["type"] = "string" },
            ["words"] = new JsonObject { ["type"] = "integer" },
        },
        ["required"] = new JsonArray("answer", "words"),
    };

    private static string Normalise(JsonNode messages) =>
        new JsonArray([.. messages.AsArray().Select(m => (JsonNode)new JsonObject { ["role"] = (string)m!["role"]!, ["content"] = (string)m["content"]! })]).ToJsonString();
}
