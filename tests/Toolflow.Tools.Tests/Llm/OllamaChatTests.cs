using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Llm;
using Toolflow.Tools.Tests.Http;

namespace Toolflow.Tools.Tests.Llm;

/// <summary>llm.chat against a real HTTP peer speaking Ollama's /api/chat.</summary>
public sealed class OllamaChatTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(JsonObject Body, string? Authorization)> received = new();
    private LocalHttpPeer peer = null!;
    private readonly SocketsHttpHandler handler = new();

    private readonly ConcurrentQueue<string> paths = new();

    public async Task InitializeAsync() => peer = await FakeLlmPeers.StartAsync(received, paths);

    public async Task DisposeAsync()
    {
        handler.Dispose();
        await peer.DisposeAsync();
    }

    private async Task<LlmChatResult> ChatAsync(JsonObject config, string path = "/")
    {
        var runner = new LlmChatRunner(handler, new LlmToolOptions());
        var secret = LlmSecret.Parse("ollama", new JsonObject { ["baseUrl"] = peer.Url(path).ToString(), ["model"] = "llama-test" });
        return await runner.ChatAsync(config, secret, CancellationToken.None);
    }

    [Fact]
    public async Task Prompt_IsSentWithItsOptions_AndTheReplyAndUsageComeBack()
    {
        var result = await ChatAsync(new JsonObject { ["system"] = "Be brief.", ["prompt"] = "Say hi", ["temperature"] = 0.5, ["maxTokens"] = 32 });

        var (body, _) = Assert.Single(received);
        Assert.Equal("llama-test", (string)body["model"]!);
        Assert.Equal("system", (string)body["messages"]![0]!["role"]!);
        Assert.Equal("Say hi", (string)body["messages"]![1]!["content"]!);
        Assert.Equal(0.5, (double)body["options"]!["temperature"]!, 3);
        Assert.Equal(32, (int)body["options"]!["num_predict"]!);
        Assert.Equal("echo: Say hi", (string)result.Output["text"]!);
        Assert.Equal(new LlmUsage("ollama", "llama-test", 5, 3, 0m), result.Usage);
    }

    [Fact]
    public async Task BaseUrlWithAPathPrefix_KeepsThePrefix()
    {
        var result = await ChatAsync(new JsonObject { ["prompt"] = "behind a proxy" }, "/proxy");

        Assert.Equal("echo: behind a proxy", (string)result.Output["text"]!);
        Assert.Equal(["/proxy/api/chat"], paths);
    }

    [Fact]
    public async Task SchemaMode_SendsTheFormat_AndValidatesTheReply()
    {
        var schema = new JsonObject { ["type"] = "object", ["required"] = new JsonArray("answer"), ["properties"] = new JsonObject { ["answer"] = new JsonObject { ["type"] = "string" } } };

        var ok = await ChatAsync(new JsonObject { ["prompt"] = "a b", ["responseFormat"] = schema });
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "json-wrong", ["prompt"] = "a b", ["responseFormat"] = schema.DeepClone() }));

        Assert.NotNull(received.First().Body["format"]);
        Assert.Equal("a b", (string)ok.Output["json"]!["answer"]!);
        Assert.True(failure.Code == "schema_mismatch", failure.Message);
        Assert.False(failure.Retryable);
    }

    [Theory]
    [InlineData(404, false)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    public async Task ErrorStatus_IsTypedByRetryability(int status, bool retryable)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = $"fail-{status}", ["prompt"] = "x" }));

        Assert.Equal("llm_status", failure.Code);
        Assert.Equal(status, failure.Status);
        Assert.Equal(retryable, failure.Retryable);
        Assert.Contains($"model 'fail-{status}' failed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorInsideASuccessfulAnswer_IsATypedRetryableFailure()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "error-in-200", ["prompt"] = "x" }));

        Assert.Equal("llm_bad_response", failure.Code);
        Assert.True(failure.Retryable);
    }
}
