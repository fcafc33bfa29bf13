using System.Text.Json.Nodes;

namespace Toolflow.Core.Import;

/// <summary>Safe navigation over untrusted exports: a property of anything but an object is null, never an exception.</summary>
internal static class JsonAccess
{
    public static JsonNode? Get(this JsonNode? node, string name) => node is JsonObject o ? o[name] : null;
}
