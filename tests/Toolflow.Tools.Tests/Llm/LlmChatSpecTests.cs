using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Llm;

namespace Toolflow.Tools.Tests.Llm;

/// <summary>Malformed, oversized and hostile llm.chat configs and LLM credentials.</summary>
public sealed class LlmChatSpecTests
{
    private static readonly LlmSecret OpenAi = new(LlmProvider.OpenAi, "sk-Secret-Key-987654", null, "gpt-test");

    [Theory]
    [InlineData("{}", "prompt or messages is required")]
    [InlineData("{\"system\":\"only a system prompt\"}", "prompt or messages is required")]
    [InlineData("{\"prompt\":5}", "prompt must be a string")]
    [InlineData("{\"prompt\":\"x\",\"provider\":\"claude\"}", "provider must be openai or ollama")]
    [InlineData("{\"prompt\":\"x\",\"provider\":\"ollama\"}", "provider does not match")]
    [InlineData("{\"prompt\":\"x\",\"temperature\":3}", "temperature must be between 0 and 2")]
    [InlineData("{\"prompt\":\"x\",\"temperature\":\"hot\"}", "temperature must be a number")]
    [InlineData("{\"prompt\":\"x\",\"maxTokens\":0}", "maxTokens must be between")]
    [InlineData("{\"prompt\":\"x\",\"responseFormat\":\"xml\"}", "responseFormat must be")]
    [InlineData("{\"prompt\":\"x\",\"responseFormat\":[1]}", "responseFormat must be")]
    [InlineData("{\"prompt\":\"x\",\"responseFormat\":{\"type\":\"no-such-type\"}}", "responseFormat is not a valid JSON Schema")]
    [InlineData("{\"messages\":\"hi\"}", "messages must be an array")]
    [InlineData("{\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "messages[0].role must be")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":{\"a\":1}}]}", "messages[0].content must be a string")]
    [InlineData("{\"messages\":[\"hi\"]}", "messages[0] must be an object")]
    public void From_BadConfig_IsANonRetryableConfigFailure(string json, string mentioned)
    {
        var failure = Assert.Throws<ToolFailureException>(() => LlmChatSpec.From(JsonNode.Parse(json)!.AsObject(), OpenAi, new LlmToolOptions()));

        Assert.Equal("invalid_config", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Contains(mentioned, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_WithoutCredential_NeedsProviderAndModel()
    {
        var noProvider = Assert.Throws<ToolFailureException>(() => LlmChatSpec.From(new JsonObject { ["prompt"] = "x" }, null, new LlmToolOptions()));
        var noModel = Assert.Throws<ToolFailureException>(() => LlmChatSpec.From(new JsonObject { ["prompt"] = "x", ["provider"] = "ollama" }, null, new LlmToolOptions()));
        var ok = LlmChatSpec.From(new JsonObject { ["prompt"] = "x", ["provider"] = "ollama", ["model"] = "llama3" }, null, new LlmToolOptions());

        Assert.Contains("provider is required", noProvider.Message, StringComparison.Ordinal);
        Assert.Contains("model is required", noModel.Message, StringComparison.Ordinal);
        Assert.Equal(LlmProvider.Ollama, ok.Provider);
    }

    [Fact]
    public void From_OversizedInput_IsRefused()
    {
        var options = new LlmToolOptions { MaxPromptChars = 1000 };
        var many = new JsonArray([.. Enumerable.Range(0, 1001).Select(_ => (JsonNode)new JsonObject { ["role"] = "user", ["content"] = "x" })]);

        var tooLong = Assert.Throws<ToolFailureException>(() => LlmChatSpec.From(new JsonObject { ["prompt"] = new string('x', 1001) }, OpenAi, options));
        var together = Assert.Throws<ToolFailureException>(() => LlmChatSpec.From(new JsonObject { ["system"] = new string('s', 600), ["prompt"] = new string('p', 600) }, OpenAi, options));
        var tooMany = Assert.Throws<ToolFailureException>(() => LlmChatSpec.From(new JsonObject { ["messages"] = many }, OpenAi, new LlmToolOptions()));

        Assert.Contains("prompt is longer than 1000", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("together are longer", together.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1000", tooMany.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai", "{\"baseUrl\":\"ftp://example.org\"}", "baseUrl must be")]
    [InlineData("openai", "{\"baseUrl\":\"http://user:sk-Secret-Key-987654@example.org\"}", "baseUrl must be")]
    [InlineData("openai", "{\"apiKey\":\"sk-Secret-Key-987654\\r\\nX-Evil: 1\"}", "apiKey contains control characters")]
    [InlineData("ollama", "{}", "baseUrl is required")]
    [InlineData("anthropic", "{}", "openai or ollama credential")]
    public void LlmSecret_BadFields_AreCredentialFailures_WithoutValues(string type, string json, string mentioned)
    {
        var failure = Assert.Throws<ToolFailureException>(() => LlmSecret.Parse(type, JsonNode.Parse(json)!.AsObject()));

        Assert.Equal("invalid_credential", failure.Code);
        Assert.Contains(mentioned, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-Secret-Key-987654", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LlmSecret_ToString_HidesTheKey()
    {
        Assert.DoesNotContain("sk-Secret-Key-987654", OpenAi.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", OpenAi.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Redactor_RemovesPlainBase64AndUrlEncodedForms()
    {
        const string secret = "p@ss word/+=";
        var message = $"a {secret} b {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))} c {Uri.EscapeDataString(secret)}";

        Assert.Equal("a *** b *** c ***", SecretRedactor.Redact(message, [secret]));
    }
}
