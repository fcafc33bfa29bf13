using System.Text.Json;
using Toolflow.Core.Expressions;

namespace Toolflow.Core.Validation.Rules;

/// <summary>
/// Every <c>{{ … }}</c> parses as one JavaScript expression, wherever it sits in a config, in
/// <c>forEach</c> or in <c>output</c>; <c>forEach</c> is exactly one expression. The pointer is
/// the string that holds the expression.
/// </summary>
public static class ExpressionRules
{
    public const string CodeTool = "code.javascript";

    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var node in workflow.Nodes)
        {
            if (node.Config is { } config)
            {
                CheckStrings(config, node.Pointer + "/config", problems);
                if (node.Tool == CodeTool)
                {
                    CheckCode(config, node.Pointer + "/config/code", problems);
                }
            }

            if (node.ForEach is { } forEach)
            {
                CheckForEach(forEach, node.Pointer + "/forEach", problems);
            }
        }

        if (RawWorkflow.String(workflow.Root, "output") is { } output)
        {
            if (!ExpressionTemplate.ContainsExpression(output))
            {
                problems.Add("/output", "must be an expression such as '{{ nodes.last.output }}'");
            }
            else if (ExpressionSyntax.FindError(output) is { } error)
            {
                problems.Add("/output", error);
            }
        }
    }

    /// <summary>Checks every string below <paramref name="value"/> that holds an expression.</summary>
    public static void CheckStrings(JsonElement value, string pointer, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        switch (value.ValueKind)
        {
            case JsonValueKind.String when ExpressionTemplate.ContainsExpression(value.GetString()!):
                if (ExpressionSyntax.FindError(value.GetString()!) is { } error)
                {
                    problems.Add(pointer, error);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    CheckStrings(property.Value, JsonPointers.Append(pointer, property.Name), problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckStrings(item, JsonPointers.Append(pointer, index++), problems);
                }

                break;
        }
    }

    private static void CheckForEach(string forEach, string pointer, ProblemList problems)
    {
        if (ExpressionSyntax.FindError(forEach) is { } error)
        {
            problems.Add(pointer, error);
        }
        else if (!ExpressionTemplate.Parse(forEach).IsSingleExpression)
        {
            problems.Add(pointer, "must be one expression yielding an array, such as '{{ input.items }}'");
        }
    }

    /// <summary>The body of a code.javascript node must compile as the sandbox compiles it (templates aside).</summary>
    private static void CheckCode(JsonElement config, string pointer, ProblemList problems)
    {
        if (!config.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String ||
            ExpressionTemplate.ContainsExpression(code.GetString()!))
        {
            return;
        }

        if (CodeBody.FindError(code.GetString()!) is { } error)
        {
            problems.Add(pointer, $"code does not parse: {error}");
        }
    }
}
