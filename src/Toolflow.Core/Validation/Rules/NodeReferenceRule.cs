using System.Text.Json;
using System.Text.RegularExpressions;
using Toolflow.Core.Expressions;

namespace Toolflow.Core.Validation.Rules;

/// <summary>
/// An expression that reads <c>nodes.x</c> or <c>nodes['x']</c> names a node of the workflow: a
/// misspelt id would only fail when the execution reaches it. The code of code.javascript is
/// not checked (it may declare its own <c>nodes</c>); only <c>{{ }}</c> segments are.
/// </summary>
public static partial class NodeReferenceRule
{
    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(problems);
        var ids = workflow.Nodes.Where(n => n.Id is not null).Select(n => n.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes)
        {
            if (node.Config is { } config)
            {
                Walk(config, node.Pointer + "/config", ids, problems);
            }

            if (node.ForEach is { } forEach)
            {
                CheckString(forEach, node.Pointer + "/forEach", ids, problems);
            }
        }

        if (RawWorkflow.String(workflow.Root, "output") is { } output)
        {
            CheckString(output, "/output", ids, problems);
        }
    }

    private static void Walk(JsonElement value, string pointer, HashSet<string> ids, ProblemList problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(value.GetString()!, pointer, ids, problems);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Walk(property.Value, JsonPointers.Append(pointer, property.Name), ids, problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, JsonPointers.Append(pointer, index++), ids, problems);
                }

                break;
        }
    }

    private static void CheckString(string text, string pointer, HashSet<string> ids, ProblemList problems)
    {
        if (!ExpressionTemplate.ContainsExpression(text))
        {
            return;
        }

        ExpressionTemplate template;
        try
        {
            // Only the split into segments: the JavaScript itself was parsed by ExpressionRules.
            template = ExpressionTemplate.Parse(text);
        }
        catch (ExpressionSyntaxException)
        {
            return;
        }

        var unknown = template.Segments
            .Where(s => s.IsExpression)
            .SelectMany(s => Reference().Matches(s.Text))
            .Select(m => m.Groups["dot"].Success ? m.Groups["dot"].Value : m.Groups["quoted"].Value)
            .Where(id => !ids.Contains(id))
            .Distinct(StringComparer.Ordinal);
        foreach (var id in unknown)
        {
            problems.Add(pointer, $"refers to unknown node '{id}'");
        }
    }

    /// <summary><c>nodes.id</c> or <c>nodes['id']</c> / <c>nodes["id"]</c>, not preceded by a member access (<c>x.nodes</c>).</summary>
    [GeneratedRegex("""(?<![\w$.])nodes\s*(?:\.\s*(?<dot>[A-Za-z_][A-Za-z0-9_]*)|\[\s*(?<q>['"])(?<quoted>[^'"]+)\k<q>\s*\])""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
