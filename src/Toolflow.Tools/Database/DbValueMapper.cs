using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Database;

/// <summary>
/// Maps a column value to JSON faithfully: numbers stay numbers, json/jsonb is parsed, times
/// become ISO-8601 UTC, bytes become base64, uuids and everything else their text.
/// </summary>
internal static class DbValueMapper
{
    public static JsonNode? Read(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var typeName = reader.GetDataTypeName(ordinal).ToLowerInvariant();
        if (typeName == "date")
        {
            // A date has no time of day and no zone; midnight UTC would invent both.
            var value = reader.GetValue(ordinal);
            return value is DateTime dt ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Map(value);
        }

        var raw = ReadRaw(reader, ordinal, typeName);
        return typeName is "json" or "jsonb" && raw is string text ? ParseJson(text) : Map(raw);
    }

    private static object ReadRaw(DbDataReader reader, int ordinal, string typeName)
    {
        try
        {
            return reader.GetValue(ordinal);
        }
        catch (Exception ex) when (ex is InvalidCastException or NotSupportedException or OverflowException)
        {
            // A numeric beyond decimal's range, or a type the driver has no CLR mapping for.
            throw new ToolFailureException(
                "unsupported_type",
                $"column '{reader.GetName(ordinal)}' has type {typeName}, which db.query cannot read as JSON; cast it to text in the SQL",
                retryable: false);
        }
    }

    public static JsonNode? Map(object? value) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b,
        byte or sbyte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong u => u,
        decimal d => d,
        double d => double.IsFinite(d) ? d : d.ToString(CultureInfo.InvariantCulture),
        float f => float.IsFinite(f) ? (double)f : f.ToString(CultureInfo.InvariantCulture),
        BigInteger big => JsonNode.Parse(big.ToString(CultureInfo.InvariantCulture)),
        Guid g => g.ToString(),
        DateTime dt => Utc(dt).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        char c => c.ToString(),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(Map)]),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>A rough size of what a value adds to the output, for the result cap.</summary>
    public static long Size(JsonNode? node) => node switch
    {
        null => 4,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length + 2,
        JsonValue => 16,
        _ => node.ToJsonString().Length,
    };

    // PostgreSQL "timestamp without time zone" comes back unspecified; Toolflow stores UTC, so read it as UTC.
    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
