namespace Toolflow.Tools.Llm;

/// <summary>Administrator settings of <c>llm.chat</c> (configuration section <c>Tools:Llm</c>).</summary>
public sealed class LlmToolOptions
{
    public const string Section = "Tools:Llm";

    /// <summary>Where an OpenAI-compatible provider is reached when the node has no credential (the path ends before /chat/completions).</summary>
    public Uri OpenAiBaseUrl { get; set; } = new("https://api.openai.com/v1");

    /// <summary>Where Ollama is reached when the node has no credential.</summary>
    public Uri OllamaBaseUrl { get; set; } = new("http://127.0.0.1:11434");

    public int DefaultTimeoutMs { get; set; } = 120_000;

    public int MaxTimeoutMs { get; set; } = 600_000;

    /// <summary>The most text all messages of one call may hold together.</summary>
    public int MaxPromptChars { get; set; } = 4 * 1024 * 1024;

    /// <summary>The largest answer a provider may send; the client libraries hold it in memory whole.</summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Prices by model name (case-insensitive); a model not listed costs 0.</summary>
    public IDictionary<string, LlmPrice> Prices { get; } = new Dictionary<string, LlmPrice>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>US dollars per million input and output tokens.</summary>
public sealed record LlmPrice(decimal InputPerMillionTokens, decimal OutputPerMillionTokens)
{
    public decimal Cost(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}

/// <summary>What one call consumed, for the execution's resource usage.</summary>
public sealed record LlmUsage(string Provider, string Model, long InputTokens, long OutputTokens, decimal CostUsd);

/// <summary>The node output plus the usage the engine adds to the execution's resource usage.</summary>
public sealed record LlmChatResult(System.Text.Json.Nodes.JsonObject Output, LlmUsage Usage);
