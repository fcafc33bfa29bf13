using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Http;

/// <summary>Turns a config <c>body</c> into request content: JSON, plain text or an HTML form.</summary>
internal static class HttpBodyEncoder
{
    public static HttpContent Encode(JsonNode body, string bodyType) => bodyType switch
    {
        "json" => Json(body),
        "text" => new StringContent(AsText(body), Encoding.UTF8, "text/plain"),
        "form" => Form(body),
        _ => throw new ToolFailureException("invalid_config", $"bodyType '{bodyType}' is not json, text or form", retryable: false),
    };

    private static ByteArrayContent Json(JsonNode body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static FormUrlEncodedContent Form(JsonNode body)
    {
        if (body is not JsonObject fields)
        {
            throw new ToolFailureException("invalid_config", "a form body must be an object of field names to values", retryable: false);
        }

        return new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value is null ? string.Empty : AsText(f.Value))));
    }

    private static string AsText(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
}
