using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// Converts n8n parameter values: a string starting with <c>=</c> is an expression template, any other
/// string is literal text (whose <c>{{</c> must then be escaped, since Toolflow would evaluate it).
/// </summary>
internal sealed class ValueConverter(N8nExpressionRewriter rewriter, List<string> problems)
{
    /// <summary>The value as a Toolflow config value (template strings, literals and nested objects).</summary>
    public JsonNode? Value(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => Template(s),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Value(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Value)]),
        _ => value?.DeepClone(),
    };

    /// <summary>A Toolflow template string for an n8n string value.</summary>
    public string Template(string text)
    {
        if (!text.StartsWith('='))
        {
            return EscapeLiteral(text);
        }

        var builder = new StringBuilder();
        foreach (var segment in Segments(text[1..]))
        {
            if (!segment.IsExpression)
            {
                builder.Append(segment.Text);
            }
            else if (Rewrite(segment.Text) is { } code)
            {
                builder.Append("{{ ").Append(code).Append(" }}");
            }
        }

        return builder.ToString();
    }

    /// <summary>The value as one JavaScript expression (for conditions, switch values, forEach).</summary>
    public string Js(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return value?.ToJsonString() ?? "null";
        }

        if (!text.StartsWith('='))
        {
            return JsString.Quote(text);
        }

        var parts = new List<string>();
        var segments = Segments(text[1..]);
        var single = segments.Count(s => s.IsExpression) == 1 && segments.All(s => s.IsExpression || string.IsNullOrWhiteSpace(s.Text));
        foreach (var segment in segments.Where(s => s.IsExpression || !single))
        {
            parts.Add(segment.IsExpression ? $"({Rewrite(segment.Text) ?? "undefined"})" : JsString.Quote(segment.Text));
        }

        return parts.Count switch
        {
            0 => "\"\"",
            1 when single => parts[0],
            _ => "(\"\" + " + string.Join(" + ", parts) + ")",
        };
    }

    public static string EscapeLiteral(string text) => text.Replace("{{", "{{ \"{{\" }}", StringComparison.Ordinal);

    private string? Rewrite(string code)
    {
        var result = rewriter.Rewrite(code, out var problem);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        return result;
    }

    private IReadOnlyList<TemplateSegment> Segments(string template)
    {
        try
        {
            return ExpressionTemplate.Parse(template).Segments;
        }
        catch (ExpressionSyntaxException ex)
        {
            problems.Add($"'{(template.Length > 60 ? template[..57] + "..." : template)}': {ex.Message}");
            return [];
        }
    }
}
