using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Llm;

/// <summary>A node's <c>llm.chat</c> config after expressions were resolved, checked and normalised.</summary>
public sealed record LlmChatSpec
{
    private const int MaxMessages = 1000;
    private static readonly string[] Roles = ["system", "user", "assistant"];

    public required LlmProvider Provider { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<LlmMessage> Messages { get; init; }
    public float? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public LlmResponseFormat ResponseFormat { get; init; } = LlmResponseFormat.Text;
    public required TimeSpan Timeout { get; init; }

    public static LlmChatSpec From(JsonObject config, LlmSecret? secret, LlmToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fields = JsonFields.Config(config, "llm.chat");
        var named = fields.Text("provider", 64) is { } providerName
            ? LlmSecret.ParseProvider(providerName) ?? throw fields.Fail("provider must be openai or ollama")
            : (LlmProvider?)null;
        if (named is not null && secret is not null && named != secret.Provider)
        {
            throw fields.Fail("provider does not match the credential's type");
        }

        var provider = named ?? secret?.Provider ?? throw fields.Fail("provider is required when the node has no credential");
        var model = fields.Text("model", 256) is { Length: > 0 } m ? m : secret?.Model;
        if (string.IsNullOrWhiteSpace(model))
        {
            throw fields.Fail("model is required (in the config or the credential)");
        }

        var messages = ReadMessages(fields, options);
        return new LlmChatSpec
        {
            Provider = provider,
            Model = model,
            Messages = messages,
            Temperature = (float?)fields.Number("temperature", 0, 2),
            MaxTokens = (int?)fields.Integer("maxTokens", 1, 1_000_000),
            ResponseFormat = LlmResponseFormat.Parse(fields),
            Timeout = TimeSpan.FromMilliseconds(fields.Integer("timeoutMs", 1, options.MaxTimeoutMs) ?? options.DefaultTimeoutMs),
        };
    }

    private static List<LlmMessage> ReadMessages(JsonFields fields, LlmToolOptions options)
    {
        var messages = new List<LlmMessage>();
        if (fields.Text("system", options.MaxPromptChars) is { Length: > 0 } system)
        {
            messages.Add(new LlmMessage("system", system));
        }

        switch (fields["messages"])
        {
            case null:
                break;
            case JsonArray items when items.Count <= MaxMessages:
                for (var i = 0; i < items.Count; i++)
                {
                    messages.Add(Message(items[i], i, fields));
                }

                break;
            case JsonArray:
                throw fields.Fail($"messages may hold at most {MaxMessages} entries");
            default:
                throw fields.Fail("messages must be an array of {role, content}");
        }

        if (fields.Text("prompt", options.MaxPromptChars) is { Length: > 0 } prompt)
        {
            messages.Add(new LlmMessage("user", prompt));
        }

        if (!messages.Any(m => m.Role != "system"))
        {
            throw fields.Fail("prompt or messages is required");
        }

        if (messages.Sum(m => (long)m.Content.Length) > options.MaxPromptChars)
        {
            throw fields.Fail($"the messages together are longer than {options.MaxPromptChars} characters");
        }

        return messages;
    }

    private static LlmMessage Message(JsonNode? node, int index, JsonFields fields)
    {
        if (node is not JsonObject message)
        {
            throw fields.Fail($"messages[{index}] must be an object with role and content");
        }

        var role = message["role"] is JsonValue r && r.TryGetValue<string>(out var roleText) ? roleText.ToLowerInvariant() : null;
        if (role is null || !Roles.Contains(role))
        {
            throw fields.Fail($"messages[{index}].role must be system, user or assistant");
        }

        return message["content"] is JsonValue c && c.TryGetValue<string>(out var content)
            ? new LlmMessage(role, content)
            : throw fields.Fail($"messages[{index}].content must be a string");
    }
}
