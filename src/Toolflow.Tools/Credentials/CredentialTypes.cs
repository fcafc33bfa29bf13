using System.Text.Json.Nodes;

namespace Toolflow.Tools.Credentials;

/// <summary>The credential types the integration tools read, and one entry point to parse any of them.</summary>
public static class CredentialTypes
{
    public const string Smtp = "smtp";
    public const string Postgres = "postgres";
    public const string Sqlite = "sqlite";
    public const string OpenAi = "openai";
    public const string Ollama = "ollama";

    public static IReadOnlyList<string> All { get; } = [Smtp, Postgres, Sqlite, OpenAi, Ollama, HttpSecret.Bearer, HttpSecret.Basic, HttpSecret.Header];

    /// <summary>Parses a resolved secret by its credential type; <c>invalid_credential</c> when the type is unknown or a field is wrong.</summary>
    public static IToolSecret Parse(string type, JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.ToLowerInvariant() switch
        {
            Smtp => SmtpSecret.Parse(secret),
            Postgres or "postgresql" or Sqlite => DbSecret.Parse(type, secret),
            OpenAi or "openai-compatible" or Ollama => LlmSecret.Parse(type, secret),
            HttpSecret.Bearer or HttpSecret.Basic or HttpSecret.Header => HttpSecret.Parse(type, secret),
            _ => throw new ToolFailureException("invalid_credential", "unknown credential type; expected one of " + string.Join(", ", All), retryable: false),
        };
    }
}
