using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Server.Web.Client;

/// <summary>
/// JSON as a page shows it: indented, with every character as it is. The default encoder writes é, ", +, &lt; as
/// \u escapes (safe inside a script, unreadable on a page); here the text goes into the page as text, which
/// Blazor HTML-encodes, so the relaxed encoder is safe.
/// </summary>
public static class DisplayJson
{
    public static readonly JsonSerializerOptions Options = new(ToolflowClient.Json)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Of(JsonNode node) => node.ToJsonString(Options);
}
