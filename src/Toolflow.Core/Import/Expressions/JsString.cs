using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Toolflow.Core.Import.Expressions;

/// <summary>A JavaScript string literal for a text, readable (quotes as <c>\"</c>, not <c>\u0022</c>).</summary>
internal static class JsString
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // A JSON string is a JavaScript string literal; written with the writer, not the serializer, so that the
    // ahead-of-time build (no reflection-based serializer) converts expressions too.
    public static string Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 2);
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
