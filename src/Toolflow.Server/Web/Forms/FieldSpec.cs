using System.Text.Json.Nodes;

namespace Toolflow.Server.Web.Forms;

/// <summary>How a form shows one property of a JSON Schema object.</summary>
public enum FieldKind
{
    Text,
    LongText,
    Choice,
    Number,
    Integer,
    Boolean,

    /// <summary>Objects, arrays and anything else: edited as JSON text.</summary>
    Json,
}

/// <summary>One field of a form generated from a JSON Schema's <c>properties</c>.</summary>
public sealed record FieldSpec(string Name, string Label, string? Description, FieldKind Kind, bool Required, IReadOnlyList<string> Choices, JsonNode? Default)
{
    /// <summary>Strings whose values tend to run long (templates, code, prompts, bodies) get a text area.</summary>
    private static readonly HashSet<string> LongNames = new(StringComparer.OrdinalIgnoreCase) { "template", "code", "script", "body", "prompt", "system", "query", "sql", "html", "text", "expression" };

    /// <summary>The fields of an object schema, in the schema's order; a schema without properties has none.</summary>
    public static IReadOnlyList<FieldSpec> FromSchema(JsonObject? schema)
    {
        if (schema?["properties"] is not JsonObject properties)
        {
            return [];
        }

        var required = schema["required"] is JsonArray names
            ? names.Select(n => n?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        return [.. properties.Select(p => Describe(p.Key, p.Value as JsonObject ?? [], required.Contains(p.Key)))];
    }

    private static FieldSpec Describe(string name, JsonObject property, bool required)
    {
        var label = property["title"] is JsonValue t && t.TryGetValue<string>(out var title) ? title : name;
        var description = property["description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null;
        var choices = property["enum"] is JsonArray values
            ? values.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];
        var kind = (TypeOf(property), choices.Count) switch
        {
            ("string", > 0) => FieldKind.Choice,
            ("string", _) when LongNames.Contains(name) || property["maxLength"] is JsonValue m && m.TryGetValue<int>(out var max) && max > 200 => FieldKind.LongText,
            ("string", _) => FieldKind.Text,
            ("integer", _) => FieldKind.Integer,
            ("number", _) => FieldKind.Number,
            ("boolean", _) => FieldKind.Boolean,
            _ => FieldKind.Json,
        };
        return new FieldSpec(name, label, description, kind, required, choices, property["default"]?.DeepClone());
    }

    /// <summary>The schema's <c>type</c>; for a list such as <c>["string","null"]</c> the first non-null one.</summary>
    private static string? TypeOf(JsonObject property) => property["type"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var type) => type,
        JsonArray types => types.Select(x => x?.GetValue<string>()).FirstOrDefault(x => x is not null and not "null"),
        _ => null,
    };
}
