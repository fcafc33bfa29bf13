using System.Globalization;

namespace Toolflow.Testing.Sql;

/// <summary>Reads values the same way whichever dialect returned them.</summary>
public static class SqlValues
{
    public static long AsLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static double? AsDouble(object? value) => value is null ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);

    public static Guid AsGuid(object? value) => value switch
    {
        Guid id => id,
        string text => Guid.Parse(text),
        _ => throw new InvalidCastException($"Not an id: {value}"),
    };

    public static DateTimeOffset? AsTime(object? value) => value switch
    {
        null => null,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidCastException($"Not a time: {value}"),
    };
}
