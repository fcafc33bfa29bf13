using System.Text.Encodings.Web;
using System.Text.Json;

namespace Toolflow.Core.Import.Expressions;

/// <summary>A JavaScript string literal for a text, readable (quotes as <c>\"</c>, not <c>\u0022</c>).</summary>
internal static class JsString
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Quote(string text) => JsonSerializer.Serialize(text, Relaxed);
}
