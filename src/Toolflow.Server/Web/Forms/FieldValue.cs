using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Server.Web.Forms;

/// <summary>
/// Text typed into a field → the JSON value stored in the object (and back). A field in expression mode
/// stores its text as a string: the engine evaluates <c>{{ … }}</c> and a string that is exactly one
/// expression yields the raw value, so a number field can hold <c>{{ input.count }}</c>.
/// </summary>
public static class FieldValue
{
    /// <summary>The value for <paramref name="text"/>, or an error message; null value with no error means "leave it out".</summary>
    public static (JsonNode? Value, string? Error) Parse(FieldSpec field, string? text, bool expression)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (string.IsNullOrEmpty(text))
        {
            return (null, field.Required ? "is required" : null);
        }

        if (expression || field.Kind is FieldKind.Text or FieldKind.LongText or FieldKind.Choice)
        {
            return (JsonValue.Create(text), null);
        }

        switch (field.Kind)
        {
            case FieldKind.Integer:
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
                    ? (JsonValue.Create(whole), null)
                    : (null, "must be a whole number");
            case FieldKind.Number:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? (JsonValue.Create(number), null)
                    : (null, "must be a number");
            case FieldKind.Boolean:
                return bool.TryParse(text, out var flag) ? (JsonValue.Create(flag), null) : (null, "must be true or false");
            default:
                try
                {
                    return (JsonNode.Parse(text), null);
                }
                catch (JsonException ex)
                {
                    return (null, $"is not valid JSON ({ex.Message.Split('.')[0]})");
                }
        }
    }

    /// <summary>The text a field shows for a stored value.</summary>
    public static string Show(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v => v.ToJsonString(Client.DisplayJson.Options),
        _ => Client.DisplayJson.Of(value),
    };

    /// <summary>Whether a stored value is an expression (a string with <c>{{</c>) in a field that is not text.</summary>
    public static bool IsExpression(FieldSpec field, JsonNode? value) =>
        field is { Kind: not (FieldKind.Text or FieldKind.LongText or FieldKind.Choice) }
        && value is JsonValue v && v.TryGetValue<string>(out var s) && s.Contains("{{", StringComparison.Ordinal);
}
