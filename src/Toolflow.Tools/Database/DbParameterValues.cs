using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Toolflow.Tools.Database;

/// <summary>Turns a JSON parameter value into a bound database parameter; its text never becomes SQL.</summary>
internal static class DbParameterValues
{
    public static NpgsqlParameter Postgres(string name, JsonNode? value) => value switch
    {
        // Untyped text lets PostgreSQL infer the type from the context (a uuid, a date, an int column …).
        null => new NpgsqlParameter(name, NpgsqlDbType.Unknown) { Value = DBNull.Value },
        JsonObject or JsonArray => new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = value.ToJsonString() },
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => new NpgsqlParameter(name, NpgsqlDbType.Unknown) { Value = v.GetValue<string>() },
            JsonValueKind.True or JsonValueKind.False => new NpgsqlParameter(name, NpgsqlDbType.Boolean) { Value = v.GetValueKind() == JsonValueKind.True },
            JsonValueKind.Number => Number(v) switch
            {
                long l => new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = l },
                decimal d => new NpgsqlParameter(name, NpgsqlDbType.Numeric) { Value = d },
                var other => new NpgsqlParameter(name, NpgsqlDbType.Double) { Value = other },
            },
            _ => new NpgsqlParameter(name, NpgsqlDbType.Unknown) { Value = DBNull.Value },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    /// <summary>SQLite has integers, reals, text and blobs; JSON objects and arrays are stored as their text.</summary>
    public static object Sqlite(JsonNode? value) => value switch
    {
        null => DBNull.Value,
        JsonObject or JsonArray => value.ToJsonString(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => 1L,
            JsonValueKind.False => 0L,
            JsonValueKind.Number => Number(v) is long l ? l : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            _ => DBNull.Value,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    private static object Number(JsonValue value)
    {
        var text = value.ToJsonString();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        return double.Parse(text, CultureInfo.InvariantCulture);
    }
}
