using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Toolflow.Server.Endpoints.Common;

namespace Toolflow.Server.Triggers;

/// <summary>
/// A webhook body as the execution's input. JSON (<c>application/json</c>, <c>*+json</c>): an object
/// is the input, any other value becomes <c>{"body": value}</c>. A form
/// (<c>application/x-www-form-urlencoded</c>): an object of its fields (a repeated field is an array of
/// its values). Text (<c>text/*</c>): <c>{"body": "…"}</c>. No body: <c>{}</c>. Anything else is 415.
/// The raw bytes are read first, capped, because the signature is computed over them.
/// </summary>
internal static class WebhookBody
{
    public static async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    public static (JsonObject? Input, IResult? Problem) Parse(HttpRequest request, byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ([], null);
        }

        var contentType = request.ContentType ?? "";
        var mediaType = contentType.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (request.HasJsonContentType())
        {
            try
            {
                var node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
                return (node as JsonObject ?? new JsonObject { ["body"] = node }, null);
            }
            catch (JsonException)
            {
                return (null, Problems.Validation("", "the body is not valid JSON"));
            }
        }

        if (mediaType == "application/x-www-form-urlencoded")
        {
            return (Form(bytes), null);
        }

        if (mediaType.StartsWith("text/", StringComparison.Ordinal))
        {
            try
            {
                return (new JsonObject { ["body"] = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes) }, null);
            }
            catch (DecoderFallbackException)
            {
                return (null, Problems.Validation("", "the body is not UTF-8 text"));
            }
        }

        return (null, Problems.Status(
            StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            "send JSON (application/json), a form (application/x-www-form-urlencoded) or text (text/plain)"));
    }

    private static JsonObject Form(byte[] bytes)
    {
        var fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(bytes));
        var input = new JsonObject();
        foreach (var (name, values) in fields)
        {
            input[name] = values.Count == 1
                ? JsonValue.Create(values[0])
                : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }

        return input;
    }

    private static ProblemHttpResult TooLarge(long maxBytes) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"a webhook body may be at most {maxBytes} bytes");
}
