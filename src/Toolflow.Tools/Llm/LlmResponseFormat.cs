using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Llm;

public enum LlmReplyKind
{
    Text,
    Json,
}

/// <summary>"text", "json", or a JSON Schema object the model's JSON reply must match.</summary>
public sealed record LlmResponseFormat(LlmReplyKind Kind, JsonElement? SchemaElement, JsonSchema? Schema)
{
    public static readonly LlmResponseFormat Text = new(LlmReplyKind.Text, null, null);
    public static readonly LlmResponseFormat Json = new(LlmReplyKind.Json, null, null);

    internal static LlmResponseFormat Parse(JsonFields fields)
    {
        switch (fields["responseFormat"])
        {
            case null:
                return Text;
            case JsonValue v when v.TryGetValue<string>(out var name):
                return name.ToLowerInvariant() switch
                {
                    "text" => Text,
                    "json" or "json_object" => Json,
                    _ => throw fields.Fail("responseFormat must be \"text\", \"json\" or a JSON Schema object"),
                };
            case JsonObject schema:
                var text = schema.ToJsonString();
                if (text.Length > 256 * 1024)
                {
                    throw fields.Fail("responseFormat schema is larger than 256 KiB");
                }

                try
                {
                    // A registry per schema: a user's $id must not land in, or collide in, the process-wide one.
                    var compiled = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
                    using var document = JsonDocument.Parse(text);
                    return new LlmResponseFormat(LlmReplyKind.Json, document.RootElement.Clone(), compiled);
                }
                catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
                {
                    throw fields.Fail($"responseFormat is not a valid JSON Schema ({ex.Message})");
                }

            default:
                throw fields.Fail("responseFormat must be \"text\", \"json\" or a JSON Schema object");
        }
    }
}
