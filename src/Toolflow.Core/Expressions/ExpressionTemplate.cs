namespace Toolflow.Core.Expressions;

/// <summary>
/// A string config value split into literal text and <c>{{ … }}</c> expression segments.
/// A template that is exactly one expression (surrounding whitespace aside) yields the raw
/// value when evaluated; any other template interpolates its results as text.
/// </summary>
public sealed class ExpressionTemplate
{
    private ExpressionTemplate(string source, IReadOnlyList<TemplateSegment> segments)
    {
        Source = source;
        Segments = segments;
    }

    public string Source { get; }

    public IReadOnlyList<TemplateSegment> Segments { get; }

    public bool HasExpressions => Segments.Any(s => s.IsExpression);

    /// <summary>True when the whole string is one expression, so its value is returned raw.</summary>
    public bool IsSingleExpression =>
        Segments.Count(s => s.IsExpression) == 1 &&
        Segments.All(s => s.IsExpression || string.IsNullOrWhiteSpace(s.Text));

    /// <summary>Splits <paramref name="source"/>; an unterminated <c>{{</c> or an empty expression is an error.</summary>
    public static ExpressionTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var segments = new List<TemplateSegment>();
        var position = 0;
        while (position < source.Length)
        {
            var open = source.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(TemplateSegment.Literal(source[position..]));
                break;
            }

            if (open > position)
            {
                segments.Add(TemplateSegment.Literal(source[position..open]));
            }

            var close = FindClose(source, open + 2);
            if (close < 0)
            {
                throw new ExpressionSyntaxException(source, open, "'{{' has no matching '}}'");
            }

            var code = source[(open + 2)..close].Trim();
            if (code.Length == 0)
            {
                throw new ExpressionSyntaxException(source, open, "empty expression '{{ }}'");
            }

            segments.Add(TemplateSegment.Expression(code, open));
            position = close + 2;
        }

        return new ExpressionTemplate(source, segments);
    }

    public static bool ContainsExpression(string value) =>
        value.Contains("{{", StringComparison.Ordinal);

    /// <summary>Finds the <c>}}</c> that closes an expression, skipping braces nested in the code and string literals.</summary>
    private static int FindClose(string source, int start)
    {
        var depth = 0;
        char? quote = null;
        for (var i = start; i < source.Length; i++)
        {
            var c = source[i];
            if (quote is not null)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"' or '`':
                    quote = c;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when depth > 0:
                    depth--;
                    break;
                case '}' when i + 1 < source.Length && source[i + 1] == '}':
                    return i;
            }
        }

        return -1;
    }
}

public sealed record TemplateSegment(bool IsExpression, string Text, int Offset)
{
    public static TemplateSegment Literal(string text) => new(false, text, -1);

    public static TemplateSegment Expression(string code, int offset) => new(true, code, offset);
}
