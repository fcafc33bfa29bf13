namespace Toolflow.Storage.Repositories;

/// <summary>How enum values are spelled in SQL: the lowercase member name, as the CHECK constraints list them.</summary>
internal static class SqlText
{
    public static string Of<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static T Parse<T>(string text)
        where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    /// <summary>A LIKE pattern matching <paramref name="text"/> anywhere, with <c>\</c> escaping % and _.</summary>
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}

/// <summary>A JSON document bound as jsonb on PostgreSQL and as TEXT on SQLite.</summary>
internal readonly record struct JsonText(string Text);
