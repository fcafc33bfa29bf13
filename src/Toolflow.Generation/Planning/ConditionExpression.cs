using System.Globalization;
using System.Text.RegularExpressions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// Writes a condition as a JavaScript expression over the data before it: "the status is not 200"
/// after an HTTP call is <c>nodes.fetch.output.status != 200</c>; "the total exceeds 100" after a
/// query is <c>nodes.query.output.rows[0].total &gt; 100</c>; "there are more than 10 rows" is the
/// row count; with nothing before it, the input's field.
/// </summary>
internal static partial class ConditionExpression
{
    private static readonly HashSet<string> Noise =
    [
        "the", "a", "an", "its", "it", "their", "his", "her", "this", "that", "of", "in", "from", "input", "response", "result",
        "results", "value", "there", "are", "is", "number", "returned", "http", "api", "call", "request", "query", "field", "#",
    ];

    public static string Build(ConditionSpec spec, (string Id, string Tool)? producer, bool itemScope)
    {
        var words = Regex.Matches(spec.Subject.ToLowerInvariant(), @"[a-z_][a-z0-9_]*").Select(m => m.Value).ToList();
        var usesInput = words.Contains("input") || words.Contains("payload") || words.Contains("body") && producer is null;
        var field = words.Where(w => !Noise.Contains(w)).LastOrDefault();
        var counts = words.Contains("there") || field is "count" or "rows" or "rowcount" or "number";
        var left = Subject(field, counts, usesInput ? null : producer, itemScope);
        var expression = Compare(left, spec.Operator, spec.Value);
        return spec.Negate ? $"!({expression})" : expression;
    }

    private static string Subject(string? field, bool counts, (string Id, string Tool)? producer, bool itemScope)
    {
        var name = field is null ? null : StepReader.Identifier(field);
        if (itemScope)
        {
            return name is null ? "item" : $"item.{name}";
        }

        if (producer is not { } p)
        {
            return name is null ? "input" : $"input.{name}";
        }

        var output = $"nodes.{p.Id}.output";
        return p.Tool switch
        {
            "http.request" when name is null or "status" or "statusCode" or "code" or "it" or "site" or "service" or "api" => $"{output}.status",
            "http.request" when counts => $"({output}.body.count ?? {output}.body.length)",
            "http.request" => $"{output}.body.{name}",
            "db.query" when counts || name is null => $"{output}.rowCount",
            "db.query" => $"{output}.rows[0]?.{name}",
            "llm.chat" or "data.template" => $"{output}.text",
            _ when name is null => output,
            _ => $"{output}.{name}",
        };
    }

    private static string Compare(string left, string op, string? value)
    {
        var right = Literal(value);
        return op switch
        {
            "contains" or "includes" => $"String({left}).includes({right})",
            "is empty" => $"({left} ?? []).length == 0",
            "is invalid" => $"{left}?.valid === false || {left} === false",
            "is valid" => $"{left}?.valid === true || {left} === true",
            "is true" => $"{left} === true",
            "is false" => $"{left} === false",
            "fails" or "failed" or "is down" => $"{left} >= 400",
            "is up" => $"{left} < 400",
            _ => $"{left} {op} {right}",
        };
    }

    private static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var trimmed = value.TrimEnd('%');
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return trimmed;
        }

        if (value is "true" or "false" or "null")
        {
            return value;
        }

        var text = value.Trim('\'', '"').Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
        return $"'{text}'";
    }
}
