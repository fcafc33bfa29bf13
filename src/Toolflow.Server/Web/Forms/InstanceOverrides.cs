using System.Text.Json.Nodes;

namespace Toolflow.Server.Web.Forms;

/// <summary>
/// The config form of a node that uses a tool instance: the tool's schema, where every field the instance sets is
/// satisfied by it — not required, and its help says what the instance gives — so the node holds only overrides,
/// as the engine merges them (the instance's config, then the node's keys over it). A required field the instance
/// leaves unset stays required (docs/workflow-format.md: its required fields may come from the node).
/// </summary>
public static class InstanceOverrides
{
    private const int MaxShown = 80;

    public static JsonObject SchemaFor(JsonObject? toolSchema, JsonObject? instanceConfig)
    {
        var schema = toolSchema?.DeepClone() as JsonObject ?? new JsonObject { ["type"] = "object" };
        if (instanceConfig is null || instanceConfig.Count == 0)
        {
            return schema;
        }

        if (schema["required"] is JsonArray required)
        {
            schema["required"] = new JsonArray([.. required
                .Where(name => !(name is JsonValue v && v.TryGetValue<string>(out var text) && instanceConfig.ContainsKey(text)))
                .Select(name => name?.DeepClone())]);
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in instanceConfig)
            {
                if (properties[name] is JsonObject property)
                {
                    var own = property["description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text + " " : string.Empty;
                    property["description"] = $"{own}Set by the tool instance: {Shown(value)}. Leave empty to use it; fill in to override it.";
                }
            }
        }

        return schema;
    }

    private static string Shown(JsonNode? value)
    {
        var text = value is null ? "null" : FieldValue.Show(value).ReplaceLineEndings(" ");
        return text.Length <= MaxShown ? text : text[..(MaxShown - 1)] + "…";
    }
}
