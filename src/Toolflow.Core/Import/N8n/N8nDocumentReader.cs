using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Import.N8n;

/// <summary>Reads an n8n export and rejects broken ones with a typed <see cref="N8nImportException"/>.</summary>
public static class N8nDocumentReader
{
    public static N8nWorkflow Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;

        // 60 levels: deeper exports would produce definitions beyond the 64 levels the definition serialiser accepts.
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 60 });
        }
        catch (JsonException ex)
        {
            throw new N8nImportException(N8nImportErrorKind.NotJson, $"not JSON: {ex.Message}");
        }

        if (root is not JsonObject doc || doc["nodes"] is not JsonArray rawNodes)
        {
            throw new N8nImportException(N8nImportErrorKind.NotAnN8nExport, "not an n8n export: no top-level \"nodes\" array");
        }

        var nodes = rawNodes.Select((n, i) => ReadNode(n, i)).ToList();
        if (nodes.Count == 0)
        {
            throw new N8nImportException(N8nImportErrorKind.NoNodes, "the n8n export has no nodes");
        }

        var duplicate = nodes.GroupBy(n => n.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new N8nImportException(N8nImportErrorKind.DuplicateNodeName,
                $"duplicate node name '{duplicate.Key}': n8n connections are keyed by name, so they are ambiguous");
        }

        var names = nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var connections = N8nConnectionReader.Read(doc["connections"], names);
        return new N8nWorkflow(Text(doc["name"]) ?? "Imported n8n workflow", nodes, connections, ReadTags(doc["tags"]))
        {
            Timezone = Text(doc["settings"].Get("timezone")) is { Length: > 0 } zone && zone != "DEFAULT" ? zone : null,
        };
    }

    private static N8nNode ReadNode(JsonNode? raw, int index)
    {
        if (raw is not JsonObject node || Text(node["name"]) is not { } name || Text(node["type"]) is not { } type)
        {
            throw new N8nImportException(N8nImportErrorKind.NotAnN8nExport, $"not an n8n export: nodes[{index}] has no string \"name\" and \"type\"");
        }

        return new N8nNode(
            name,
            type,
            Number(node["typeVersion"]) ?? 1,
            node["parameters"] as JsonObject ?? [],
            node["credentials"] as JsonObject,
            ReadPosition(node["position"]),
            node["disabled"] is JsonValue d && d.TryGetValue<bool>(out var disabled) && disabled,
            Text(node["onError"]) ?? (node["continueOnFail"] is JsonValue c && c.TryGetValue<bool>(out var cont) && cont ? "continueRegularOutput" : null),
            node["retryOnFail"] is JsonValue r && r.TryGetValue<bool>(out var retry) && retry,
            (int?)Number(node["maxTries"]),
            (int?)Number(node["waitBetweenTries"]))
        {
            DroppedSettings = [.. DroppableSettings.Where(key => node[key] is JsonValue v && !(v.TryGetValue<bool>(out var b) && !b) && !(v.TryGetValue<string>(out var t) && t.Length == 0))],
        };
    }

    private static readonly string[] DroppableSettings = ["notes", "executeOnce", "alwaysOutputData"];

    private static NodePosition? ReadPosition(JsonNode? raw) =>
        raw is JsonArray { Count: 2 } a && Number(a[0]) is { } x && Number(a[1]) is { } y ? new NodePosition(x, y) : null;

    private static List<string> ReadTags(JsonNode? raw) => raw is not JsonArray tags
        ? []
        : [.. tags.Select(t => t is JsonObject o ? Text(o["name"]) : Text(t)).OfType<string>().Where(t => t.Length > 0).Distinct()];

    internal static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static double? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
