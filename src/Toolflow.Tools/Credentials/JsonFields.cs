using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Credentials;

/// <summary>
/// Typed reads of config and credential fields. Every error names the field and its expected
/// shape, never its value: a credential's value may be a secret, and a config value may be
/// a page of text nobody wants in an error message.
/// </summary>
internal sealed class JsonFields(JsonObject source, string failureCode, string what)
{
    public JsonNode? this[string name] => source[name];

    public bool Has(string name) => source[name] is not null;

    public string? Text(string name, int maxLength = 1_000_000) => source[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length <= maxLength ? s : throw Fail($"{name} is longer than {maxLength} characters"),
        _ => throw Fail($"{name} must be a string"),
    };

    public string RequiredText(string name, int maxLength = 1_000_000) =>
        Text(name, maxLength) is { Length: > 0 } s ? s : throw Fail($"{name} is required");

    public long? Integer(string name, long min, long max)
    {
        long? value = source[name] switch
        {
            null => null,
            // Values built in code hold CLR numbers, parsed ones hold JSON; the JSON text reads the same for both.
            JsonValue v when v.GetValueKind() == JsonValueKind.Number &&
                decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) &&
                d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
            _ => throw Fail($"{name} must be an integer"),
        };
        return value is null || (value >= min && value <= max) ? value : throw Fail($"{name} must be between {min} and {max}");
    }

    public double? Number(string name, double min, double max)
    {
        double? value = source[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number &&
                double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw Fail($"{name} must be a number"),
        };
        return value is null || (value >= min && value <= max) ? value : throw Fail($"{name} must be between {min} and {max}");
    }

    public bool? Flag(string name) => source[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw Fail($"{name} must be true or false"),
    };

    public ToolFailureException Fail(string message) => new(failureCode, $"{what}: {message}", retryable: false);

    public static JsonFields Config(JsonObject config, string tool) => new(config ?? throw new ArgumentNullException(nameof(config)), "invalid_config", $"{tool} config");

    public static JsonFields Credential(JsonObject secret, string type) => new(secret ?? throw new ArgumentNullException(nameof(secret)), "invalid_credential", $"{type} credential");
}
