using System.Text;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Credentials;

public enum LlmProvider
{
    OpenAi,
    Ollama,
}

/// <summary>A resolved <c>openai</c> {apiKey?, baseUrl?, model?} or <c>ollama</c> {baseUrl, model?} credential.</summary>
public sealed record LlmSecret(LlmProvider Provider, string? ApiKey, Uri? BaseUrl, string? Model) : IToolSecret
{
    public static LlmSecret Parse(string type, JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(type);
        var provider = ParseProvider(type) ?? throw new ToolFailureException(
            "invalid_credential", "llm.chat needs an openai or ollama credential", retryable: false);
        var fields = JsonFields.Credential(secret, provider == LlmProvider.OpenAi ? "openai" : "ollama");
        var baseUrl = fields.Text("baseUrl", 2048) is { Length: > 0 } text ? ParseUrl(text, fields) : null;
        if (provider == LlmProvider.Ollama && baseUrl is null)
        {
            throw fields.Fail("baseUrl is required");
        }

        var apiKey = fields.Text("apiKey", 4096);
        if (apiKey is not null && apiKey.Any(char.IsControl))
        {
            throw fields.Fail("apiKey contains control characters");
        }

        return new LlmSecret(provider, string.IsNullOrEmpty(apiKey) ? null : apiKey, baseUrl, fields.Text("model", 256));
    }

    /// <summary>openai (also: openai-compatible) or ollama; null for anything else.</summary>
    public static LlmProvider? ParseProvider(string? name) => name?.ToLowerInvariant() switch
    {
        "openai" or "openai-compatible" => LlmProvider.OpenAi,
        "ollama" => LlmProvider.Ollama,
        _ => null,
    };

    public IEnumerable<string?> SecretValues() => [ApiKey];

    public IEnumerable<string> TargetHosts() => BaseUrl is null ? [] : [BaseUrl.Host];

    private static Uri ParseUrl(string text, JsonFields fields)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw fields.Fail("baseUrl must be an absolute http or https URL without user info");
        }

        return uri;
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Provider = {Provider}, ApiKey = {(ApiKey is null ? "null" : "***")}, BaseUrl = {BaseUrl}, Model = {Model}");
        return true;
    }
}
