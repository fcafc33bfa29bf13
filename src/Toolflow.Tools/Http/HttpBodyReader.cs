using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Http;

/// <summary>Reads a response body without ever buffering past the cap, and decodes it for the node output.</summary>
internal static class HttpBodyReader
{
    public static async Task<byte[]> ReadCappedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>JSON when the media type says so and it parses; text for textual types; base64 otherwise.</summary>
    public static JsonNode? Decode(byte[] bytes, MediaTypeHeaderValue? contentType)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        var mediaType = contentType?.MediaType?.ToLowerInvariant() ?? string.Empty;
        var encoding = GetEncoding(contentType?.CharSet);
        if (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            try
            {
                return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException)
            {
                return encoding.GetString(bytes);
            }
        }

        if (mediaType.Length == 0 || mediaType.StartsWith("text/", StringComparison.Ordinal) ||
            mediaType.Contains("xml", StringComparison.Ordinal) || mediaType == "application/x-www-form-urlencoded" ||
            mediaType == "application/javascript")
        {
            return encoding.GetString(bytes);
        }

        return Convert.ToBase64String(bytes);
    }

    private static Encoding GetEncoding(string? charset)
    {
        try
        {
            return string.IsNullOrWhiteSpace(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static ToolFailureException TooLarge(long maxBytes) =>
        new("response_too_large", $"the response is larger than maxResponseBytes ({maxBytes} bytes)", retryable: false);
}
