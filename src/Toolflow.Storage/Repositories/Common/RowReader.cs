using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories;

/// <summary>Reads a column whichever dialect wrote it: the mirror of <see cref="SqlParameterBinder"/>.</summary>
internal readonly struct RowReader(DbDataReader reader, SqlDialect dialect)
{
    public bool IsNull(string column) => reader.IsDBNull(reader.GetOrdinal(column));

    public string String(string column) => reader.GetString(reader.GetOrdinal(column));

    public string? NullableString(string column) => IsNull(column) ? null : String(column);

    public int Int(string column) => Convert.ToInt32(reader.GetValue(reader.GetOrdinal(column)), CultureInfo.InvariantCulture);

    public long Long(string column) => Convert.ToInt64(reader.GetValue(reader.GetOrdinal(column)), CultureInfo.InvariantCulture);

    public int? NullableInt(string column) => IsNull(column) ? null : Int(column);

    public long? NullableLong(string column) => IsNull(column) ? null : Long(column);

    public double? NullableDouble(string column) =>
        IsNull(column) ? null : Convert.ToDouble(reader.GetValue(reader.GetOrdinal(column)), CultureInfo.InvariantCulture);

    public decimal? NullableDecimal(string column) =>
        IsNull(column) ? null : Convert.ToDecimal(reader.GetValue(reader.GetOrdinal(column)), CultureInfo.InvariantCulture);

    public bool Bool(string column) => reader.GetValue(reader.GetOrdinal(column)) switch
    {
        bool flag => flag,
        var number => Convert.ToInt64(number, CultureInfo.InvariantCulture) != 0,
    };

    public byte[] Bytes(string column) => (byte[])reader.GetValue(reader.GetOrdinal(column));

    public Guid Guid(string column) => reader.GetValue(reader.GetOrdinal(column)) switch
    {
        Guid id => id,
        var text => System.Guid.Parse((string)text),
    };

    public Guid? NullableGuid(string column) => IsNull(column) ? null : Guid(column);

    public DateTimeOffset Time(string column) => reader.GetValue(reader.GetOrdinal(column)) switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        var text => DateTimeOffset.Parse((string)text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
    };

    public DateTimeOffset? NullableTime(string column) => IsNull(column) ? null : Time(column);

    public JsonNode? Json(string column) => IsNull(column) ? null : JsonNode.Parse(String(column));

    public string[] Tags(string column)
    {
        if (dialect == SqlDialect.Postgres)
        {
            return reader.GetFieldValue<string[]>(reader.GetOrdinal(column));
        }

        return JsonSerializer.Deserialize(String(column), StorageJson.Default.StringArray) ?? [];
    }
}
