using Acornima;

namespace Toolflow.Core.Expressions;

/// <summary>Checks that every expression of a template is one JavaScript expression.</summary>
public static class ExpressionSyntax
{
    /// <summary>Parses the template and each of its expressions; returns the first problem, or null.</summary>
    public static string? FindError(string template)
    {
        ExpressionTemplate parsed;
        try
        {
            parsed = ExpressionTemplate.Parse(template);
        }
        catch (ExpressionSyntaxException ex)
        {
            return ex.Message;
        }

        foreach (var segment in parsed.Segments.Where(s => s.IsExpression))
        {
            var error = FindJavaScriptError(segment.Text);
            if (error is not null)
            {
                return $"expression '{Shorten(segment.Text)}' does not parse: {error}";
            }
        }

        return null;
    }

    /// <summary>Returns why <paramref name="code"/> is not one JavaScript expression, or null.</summary>
    public static string? FindJavaScriptError(string code)
    {
        try
        {
            new Parser().ParseExpression(code);
            return null;
        }
        catch (ParseErrorException ex)
        {
            return ex.Description;
        }
    }

    private static string Shorten(string code) => code.Length <= 60 ? code : string.Concat(code.AsSpan(0, 57), "...");
}
