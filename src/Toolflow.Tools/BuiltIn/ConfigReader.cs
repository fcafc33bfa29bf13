using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.BuiltIn;

/// <summary>Reads config values, failing the node with a typed, non-retryable error when one is wrong.</summary>
internal static class ConfigReader
{
    public static string? OptionalString(ToolInvocation invocation, string name) =>
        invocation.Config[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => throw Invalid(invocation, name, $"must be a string, not {other.GetValueKind().ToString().ToLowerInvariant()}"),
        };

    public static double? OptionalNumber(ToolInvocation invocation, string name) =>
        invocation.Config[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => ToDouble(v),
            JsonValue v when v.GetValueKind() == JsonValueKind.String && double.TryParse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw Invalid(invocation, name, "must be a number"),
        };

    public static ToolFailureException Invalid(ToolInvocation invocation, string name, string problem) =>
        new(new ToolFailure(ToolFailureCodes.InvalidConfig, $"node '{invocation.NodeId}': config.{name} {problem}"));

    // Works whatever CLR type backs the number (a parsed element, an int, a long, a double).
    public static double ToDouble(JsonValue number) =>
        double.Parse(number.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>JavaScript truthiness of a JSON value.</summary>
    public static bool IsTruthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0,
            JsonValueKind.Number => ToDouble(v) is var d && d != 0 && !double.IsNaN(d),
            _ => true,
        },
        _ => true,
    };
}
