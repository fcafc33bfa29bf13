using System.Text.Json;
using Json.Schema;
using Toolflow.Core.Expressions;
using Toolflow.Core.Validation.Shapes;

namespace Toolflow.Core.Validation.Schemas;

/// <summary>
/// Evaluates a value against a compiled schema and turns JsonSchema.Net's list output into
/// problems whose pointers go into the value. With <c>allowExpressions</c>, a string holding a
/// <c>{{ }}</c> expression passes a type or format check meant for its future value.
/// </summary>
public static class SchemaEvaluator
{
    /// <summary>
    /// The quick yes/no pass: most configs are valid, and a flag result without annotations skips
    /// building the detail tree (about a third faster). Tool schemas use no <c>unevaluated*</c>
    /// keyword, the only ones that need annotations to decide.
    /// </summary>
    private static readonly EvaluationOptions FlagOptions = CreateFlagOptions();

    private static readonly EvaluationOptions ListOptions = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    /// <summary>Keywords that judge a value's content; an expression is judged when it runs, not now.</summary>
    private static readonly HashSet<string> ContentKeywords = new(StringComparer.Ordinal)
    {
        "type", "enum", "const", "format", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
    };

    /// <summary>Branches that may fail without the value failing; their errors are not the value's errors.</summary>
    private static readonly HashSet<string> ConditionalKeywords = new(StringComparer.Ordinal) { "if", "not", "anyOf", "oneOf" };

    public static void Evaluate(CompiledSchema schema, JsonElement value, string pointer, bool allowExpressions, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(problems);
        if (schema.Schema.Evaluate(value, FlagOptions).IsValid)
        {
            return;
        }

        var results = schema.Schema.Evaluate(value, ListOptions);

        var reported = false;
        foreach (var result in Flatten(results))
        {
            if (result.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var evaluationPath = JsonPointers.Segments(result.EvaluationPath.ToString());
            if (evaluationPath.Any(ConditionalKeywords.Contains))
            {
                continue;
            }

            var location = result.InstanceLocation.ToString();
            JsonPointers.TryResolve(value, location, out var instance);
            foreach (var (keyword, message) in errors)
            {
                reported = true;
                if (allowExpressions && ContentKeywords.Contains(keyword) && IsExpression(instance))
                {
                    continue;
                }

                var text = SchemaMessages.Describe(keyword, message, schema.Source, evaluationPath, location, instance);
                problems.Add(pointer + location, text);
            }
        }

        if (!reported)
        {
            problems.Add(pointer, "does not match its schema");
        }
    }

    private static EvaluationOptions CreateFlagOptions()
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
        options.IgnoreAllAnnotations();
        return options;
    }

    private static bool IsExpression(JsonElement instance) =>
        instance.ValueKind == JsonValueKind.String && ExpressionTemplate.ContainsExpression(instance.GetString()!);

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var nested in Flatten(detail))
            {
                yield return nested;
            }
        }
    }

    internal static string DescribeValue(JsonElement value) => FieldRule.Describe(value);
}
