using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Integration;

/// <summary>
/// Strips a credential's secret values from what a tool hands back (a row that holds the password,
/// a model that repeats its key) before the output is committed, evented or shown.
/// </summary>
internal static class OutputRedaction
{
    public static JsonNode? Redact(JsonNode? output, IToolSecret? secret)
    {
        if (output is null || secret is null)
        {
            return output;
        }

        var values = secret.SecretValues().Where(v => !string.IsNullOrEmpty(v)).ToList();
        return values.Count == 0 ? output : Walk(output, values);
    }

    private static JsonNode? Walk(JsonNode? node, List<string?> secrets) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value, secrets)))),
        JsonArray array => new JsonArray([.. array.Select(item => Walk(item, secrets))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(SecretRedactor.Redact(value.GetValue<string>(), secrets)),
        _ => node?.DeepClone(),
    };
}
