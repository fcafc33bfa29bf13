using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Http;
using Toolflow.Tools.Llm;
using Toolflow.Tools.Tests.Http;

namespace Toolflow.Tools.Tests.Llm;

/// <summary>llm.chat failures against a real OpenAI-compatible peer: statuses, timeouts, refused and oversized answers.</summary>
public sealed class LlmChatFailureTests : IAsyncLifetime
{
    private const string ApiKey = "sk-test-Secret-Key-123456";
    private readonly ConcurrentQueue<(JsonObject Body, string? Authorization)> received = new();
    private readonly LlmToolOptions options = new() { MaxResponseBytes = 1024 * 1024 };
    private LocalHttpPeer peer = null!;
    private SocketsHttpHandler handler = null!;

    public async Task InitializeAsync()
    {
        peer = await FakeLlmPeers.StartAsync(received);
        var http = new HttpToolOptions();
        http.AllowedRanges.Add("127.0.0.1/32");
        handler = GuardedHttpHandler.Create(new AddressPolicy(http));
    }

    public async Task DisposeAsync()
    {
        handler.Dispose();
        await peer.DisposeAsync();
    }

    private LlmSecret Secret() => LlmSecret.Parse("openai", new JsonObject { ["apiKey"] = ApiKey, ["baseUrl"] = peer.Url("/v1").ToString(), ["model"] = "gpt-test" });

    private Task<LlmChatResult> ChatAsync(JsonObject config) => new LlmChatRunner(handler, options).ChatAsync(config, Secret(), CancellationToken.None);

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public async Task ErrorStatus_IsTypedByRetryability_AndNeverCarriesTheKey(int status, bool retryable)
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = $"fail-{status}", ["prompt"] = "x" }));

        Assert.Equal("llm_status", failure.Code);
        Assert.Equal(status, failure.Status);
        Assert.Equal(retryable, failure.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
        Assert.Contains("refused for Bearer ***", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, failure.ToString(), StringComparison.Ordinal);
        Assert.Single(received);
    }

    [Fact]
    public async Task SlowModel_TimesOutAsRetryable()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "never", ["prompt"] = "x", ["timeoutMs"] = 300 }));

        Assert.Equal("timeout", failure.Code);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task CallerCancellation_IsNotATypedFailure()
    {
        using var cancel = new CancellationTokenSource();
        var runner = new LlmChatRunner(handler, options);
        var call = runner.ChatAsync(new JsonObject { ["model"] = "never", ["prompt"] = "x" }, Secret(), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task NobodyListening_IsARetryableNetworkFailure()
    {
        var runner = new LlmChatRunner(handler, options);
        var secret = LlmSecret.Parse("openai", new JsonObject { ["apiKey"] = ApiKey, ["baseUrl"] = "http://127.0.0.1:1/v1" });

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => runner.ChatAsync(new JsonObject { ["model"] = "m", ["prompt"] = "x" }, secret, CancellationToken.None));

        Assert.Equal("network", failure.Code);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task RefusedAddress_IsNotRetryable()
    {
        using var guarded = GuardedHttpHandler.Create(new AddressPolicy(new HttpToolOptions()));
        var runner = new LlmChatRunner(guarded, options);

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => runner.ChatAsync(new JsonObject { ["prompt"] = "x" }, Secret(), CancellationToken.None));

        Assert.Equal("ssrf_refused", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Empty(received);
    }

    [Fact]
    public async Task RetryAfterMilliseconds_IsHonoured()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "slow-down", ["prompt"] = "x" }));

        Assert.True(failure.Retryable);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), failure.RetryAfter);
    }

    [Fact]
    public async Task OversizedAnswer_IsRefused()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "huge", ["prompt"] = "x" }));

        Assert.Equal("response_too_large", failure.Code);
        Assert.False(failure.Retryable);
    }

    [Fact]
    public async Task DeeplyNestedJsonReply_IsRefused()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => ChatAsync(new JsonObject { ["model"] = "json-deep", ["prompt"] = "x", ["responseFormat"] = "json" }));

        Assert.Equal("invalid_json", failure.Code);
        Assert.False(failure.Retryable);
    }
}
