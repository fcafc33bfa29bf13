using System.Text.Json;
using Toolflow.Core.Validation.Formats;

namespace Toolflow.Core.Validation.Schemas;

/// <summary>
/// Rewrites JsonSchema.Net's messages in the words the rest of the validator uses, reading the
/// schema's own keywords (the allowed enum values, the known property names) where that helps.
/// </summary>
internal static partial class SchemaMessages
{
    public static string Describe(
        string keyword, string message, JsonElement schema, IReadOnlyList<string> evaluationPath, string location, JsonElement instance)
    {
        var here = At(schema, evaluationPath);
        var name = location.Length == 0 ? string.Empty : JsonPointers.Segments(location)[^1];

        // A schema may word its own message (as ajv-errors does), for rules such as "one of a or b".
        if (here is { ValueKind: JsonValueKind.Object } own && own.TryGetProperty("errorMessage", out var custom) && custom.ValueKind == JsonValueKind.String)
        {
            return custom.GetString()!;
        }

        switch (keyword)
        {
            case "" when evaluationPath.Count > 0 && evaluationPath[^1] == "additionalProperties":
                var parent = At(schema, evaluationPath.Take(evaluationPath.Count - 1));
                var known = parent is { } p && p.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                    ? properties.EnumerateObject().Select(x => x.Name).ToList()
                    : [];
                var suggestion = NameSuggestion.Closest(name, known);
                return suggestion is null ? $"unknown property '{name}'" : $"unknown property '{name}' (did you mean '{suggestion}'?)";
            case "" when evaluationPath.Count >= 4 && evaluationPath[^4] == "dependentSchemas":
                return $"'{name}' cannot be used together with '{evaluationPath[^3]}'";
            case "required" when here is { } h && h.TryGetProperty("required", out var required):
                var missing = required.EnumerateArray().Select(r => r.GetString()!)
                    .Where(r => instance.ValueKind != JsonValueKind.Object || !instance.TryGetProperty(r, out _)).ToList();
                return missing.Count == 1
                    ? $"missing required property '{missing[0]}'"
                    : $"missing required properties {string.Join(", ", missing.Select(m => $"'{m}'"))}";
            case "enum" when here is { } h && h.TryGetProperty("enum", out var values):
                return $"must be one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetRawText()))}, not {SchemaEvaluator.DescribeValue(instance)}";
            case "type" when here is { } h && h.TryGetProperty("type", out var type):
                var expected = type.ValueKind == JsonValueKind.Array
                    ? string.Join(" or ", type.EnumerateArray().Select(t => Article(t.GetString()!)))
                    : Article(type.GetString()!);
                return $"must be {expected}, not {SchemaEvaluator.DescribeValue(instance)}{BraceHint(instance)}";
            default:
                return message;
        }
    }

    /// <summary>
    /// A string that reads the scope and parses as JavaScript ("input.n > 1") is an expression
    /// whose braces were forgotten: say how to write it.
    /// </summary>
    private static string BraceHint(JsonElement instance)
    {
        if (instance.ValueKind != JsonValueKind.String || instance.GetString() is not { Length: > 0 and <= 200 } text ||
            !ScopeName().IsMatch(text) || Expressions.ExpressionSyntax.FindJavaScriptError(text) is not null)
        {
            return string.Empty;
        }

        return $"; to compute it, write '{{{{ {text.Trim()} }}}}'";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w$.])(input|nodes|item|index|execution|params)\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ScopeName();

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        "null" => "null",
        _ => $"a {type}",
    };

    /// <summary>Follows an evaluation path through a schema without <c>$ref</c>; null when it leaves the document.</summary>
    private static JsonElement? At(JsonElement schema, IEnumerable<string> path)
    {
        var current = schema;
        foreach (var segment in path)
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i < current.GetArrayLength())
            {
                current = current[i];
            }
            else if (segment is not ("items" or "additionalProperties" or "prefixItems"))
            {
                return null;
            }

            // JsonSchema.Net repeats an applicator in the evaluation path of the values it visits
            // ("/items/items"); a segment that leads nowhere after one of those is that echo.
        }

        return current;
    }
}
