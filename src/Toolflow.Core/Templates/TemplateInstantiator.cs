using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima;
using Toolflow.Core.Expressions;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Templates;

/// <summary>
/// Substitutes template parameters into a definition. Inside every <c>{{ … }}</c>, each
/// <c>params.x</c> becomes the JSON literal of its value; a string that was exactly
/// <c>{{ params.x }}</c> becomes the value itself (a number stays a number), text around
/// placeholders is interpolated, and expressions that also read runtime values (input, nodes …)
/// keep running at execution time with the parameter folded in.
/// </summary>
public static class TemplateInstantiator
{
    public static TemplateSubstitution Substitute(JsonNode definition, JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(parameters);
        var problems = new ProblemList();
        var result = Walk(definition, parameters, string.Empty, problems);
        return new TemplateSubstitution(problems.Count == 0 ? result : null, problems.ToList());
    }

    /// <summary>The parameter names a definition uses, each with the pointer of its first use; problems for unreadable placeholders.</summary>
    public static IReadOnlyDictionary<string, string> FindUsedParameters(JsonNode definition, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(problems);
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (pointer, text) in Strings(definition, string.Empty))
        {
            foreach (var reference in References(text, pointer, problems))
            {
                if (reference.Name is null)
                {
                    problems.Add(pointer, "use params.<name>, not params on its own");
                }
                else
                {
                    used.TryAdd(reference.Name, pointer);
                }
            }
        }

        return used;
    }

    private static JsonNode? Walk(JsonNode? node, JsonObject parameters, string pointer, ProblemList problems) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Walk(p.Value, parameters, JsonPointers.Append(pointer, p.Key), problems)))),
        JsonArray array => new JsonArray([.. array.Select((item, i) => Walk(item, parameters, JsonPointers.Append(pointer, i), problems))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => SubstituteString(value.GetValue<string>(), parameters, pointer, problems),
        _ => node?.DeepClone(),
    };

    private static JsonNode? SubstituteString(string text, JsonObject parameters, string pointer, ProblemList problems)
    {
        if (!ExpressionTemplate.ContainsExpression(text))
        {
            return JsonValue.Create(text);
        }

        ExpressionTemplate template;
        try
        {
            template = ExpressionTemplate.Parse(text);
        }
        catch (ExpressionSyntaxException ex)
        {
            problems.Add(pointer, ex.Message);
            return null;
        }

        var folded = template.Segments
            .Select(segment => segment.IsExpression
                ? Fold(segment.Text, parameters, pointer, problems) is { } code ? TryLiteral(code) : (segment.Text, null)
                : ((string?)null, (JsonNode?)JsonValue.Create(segment.Text)))
            .ToList();

        if (template.IsSingleExpression)
        {
            var (code, value) = folded[template.Segments.ToList().FindIndex(s => s.IsExpression)];
            return code is null ? value : JsonValue.Create("{{ " + code + " }}");
        }

        var builder = new StringBuilder();
        foreach (var (code, value) in folded)
        {
            builder.Append(code is not null ? "{{ " + code + " }}" : AsText(value));
        }

        return JsonValue.Create(builder.ToString());
    }

    /// <summary>The expression with each <c>params.x</c> replaced by its JSON literal; null when it did not parse.</summary>
    private static string? Fold(string code, JsonObject parameters, string pointer, ProblemList problems)
    {
        var references = References(code, pointer, problems, isExpression: true);
        var builder = new StringBuilder(code);
        foreach (var reference in references)
        {
            if (reference.Name is null)
            {
                problems.Add(pointer, "use params.<name>, not params on its own");
            }
            else if (!parameters.TryGetPropertyValue(reference.Name, out var value))
            {
                problems.Add(pointer, $"unknown parameter '{reference.Name}'");
            }
            else if (Follow(value, reference.Path, out var found))
            {
                builder.Remove(reference.Start, reference.End - reference.Start);
                builder.Insert(reference.Start, Literal(found, whole: string.IsNullOrWhiteSpace(code[..reference.Start]) && string.IsNullOrWhiteSpace(code[reference.End..])));
            }
            else
            {
                // The path goes past the value (params.url.length): fold the parameter, leave the rest to run.
                builder.Remove(reference.Start, reference.NameEnd - reference.Start);
                builder.Insert(reference.Start, Literal(value, whole: false));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Follows constant keys into a parameter's value (object keys, array indexes); false when one is not there.
    /// Through a null (an optional parameter left out) the result is null, as with <c>?.</c>.
    /// </summary>
    private static bool Follow(JsonNode? value, IReadOnlyList<string> path, out JsonNode? found)
    {
        found = value;
        foreach (var key in path)
        {
            switch (found)
            {
                case null:
                    return true;
                case JsonObject obj when obj.TryGetPropertyValue(key, out var next):
                    found = next;
                    break;
                case JsonArray array when int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count:
                    found = array[index];
                    break;
                default:
                    found = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A value as JavaScript source. Inside a larger expression an object literal is parenthesised: a statement
    /// starting with <c>{</c> would be read as a block.
    /// </summary>
    private static string Literal(JsonNode? value, bool whole) =>
        value is null ? "null" : !whole && value is JsonObject ? "(" + value.ToJsonString() + ")" : value.ToJsonString();

    /// <summary>(null, value) when the folded code is a plain JSON literal; else (code, null) to run later.</summary>
    private static (string? Code, JsonNode? Value) TryLiteral(string code)
    {
        try
        {
            return (null, JsonNode.Parse(code) ?? JsonValue.Create((string?)null));
        }
        catch (JsonException)
        {
            return (code, null);
        }
    }

    private static string AsText(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static IReadOnlyList<ParamReference> References(string text, string pointer, ProblemList problems, bool isExpression = false)
    {
        try
        {
            if (isExpression)
            {
                return ParamReferences.Find(text);
            }

            return ExpressionTemplate.ContainsExpression(text)
                ? [.. ExpressionTemplate.Parse(text).Segments.Where(s => s.IsExpression).SelectMany(s => ParamReferences.Find(s.Text))]
                : [];
        }
        catch (Exception ex) when (ex is ParseErrorException or ExpressionSyntaxException)
        {
            problems.Add(pointer, $"placeholder does not parse: {ex.Message}");
            return [];
        }
    }

    private static IEnumerable<(string Pointer, string Text)> Strings(JsonNode? node, string pointer) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value, JsonPointers.Append(pointer, p.Key))),
        JsonArray array => array.SelectMany((item, i) => Strings(item, JsonPointers.Append(pointer, i))),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [(pointer, value.GetValue<string>())],
        _ => [],
    };
}

/// <summary>The substituted definition, or the problems (pointer into the definition) that stopped it.</summary>
public sealed record TemplateSubstitution(JsonNode? Definition, IReadOnlyList<ValidationProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}
