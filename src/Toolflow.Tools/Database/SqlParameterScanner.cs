namespace Toolflow.Tools.Database;

/// <summary>
/// Finds the <c>@name</c> placeholders of a statement, skipping string literals, quoted
/// identifiers, comments and PostgreSQL dollar quotes, so that a missing parameter is reported
/// by name before anything reaches the database.
/// </summary>
internal static class SqlParameterScanner
{
    public static HashSet<string> Names(string sql)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`')
            {
                // PostgreSQL's E'…' strings escape with backslashes: E'it\'s' is one literal.
                var backslashEscapes = c == '\'' && At(sql, i - 1) is 'E' or 'e' && !IsPart(At(sql, i - 2));
                i = SkipQuoted(sql, i, c, backslashEscapes);
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end + 1 : sql.Length;
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                i = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal) is var end and >= 0 ? end + tag.Length : sql.Length;
            }
            else if (c == '@' && i + 1 < sql.Length && IsStart(sql[i + 1]) && !IsPart(At(sql, i - 1)))
            {
                var start = ++i;
                while (i < sql.Length && IsPart(sql[i]))
                {
                    i++;
                }

                names.Add(sql[start..i]);
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    private static int SkipQuoted(string sql, int i, char quote, bool backslashEscapes)
    {
        // A doubled quote inside the literal is an escaped quote, not its end.
        for (i++; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (At(sql, i + 1) != quote)
                {
                    return i + 1;
                }

                i++;
            }
        }

        return sql.Length;
    }

    private static string? DollarTag(string sql, int i)
    {
        var end = i + 1;
        while (end < sql.Length && IsPart(sql[end]))
        {
            end++;
        }

        // $1 is a positional parameter, not a dollar quote.
        return end < sql.Length && sql[end] == '$' && (end == i + 1 || IsStart(sql[i + 1])) ? sql[i..(end + 1)] : null;
    }

    private static char At(string sql, int i) => i >= 0 && i < sql.Length ? sql[i] : '\0';

    private static bool IsStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
