using System.Text.Json;
using System.Text.RegularExpressions;
using Toolflow.Core.Expressions;

namespace Toolflow.Core.Validation.Rules;

/// <summary>
/// An expression that reads <c>nodes.x</c> or <c>nodes['x']</c> names a node of the workflow: a
/// misspelt id would only fail when the execution reaches it. In a node's config or forEach, x must
/// also be upstream (a path of edges leads from x to the node): only then has x ended when the node
/// starts; otherwise the read would depend on timing. The <c>output</c> expression may read any node.
/// The code of code.javascript is not checked (it may declare its own <c>nodes</c>); only
/// <c>{{ }}</c> segments are.
/// </summary>
public static partial class NodeReferenceRule
{
    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(problems);
        var ids = workflow.Nodes.Where(n => n.Id is not null).Select(n => n.Id!).ToHashSet(StringComparer.Ordinal);
        var upstream = new Upstream(workflow);
        foreach (var node in workflow.Nodes)
        {
            var reader = node.Id is null ? null : new Reader(node.Id, upstream);
            if (node.Config is { } config)
            {
                Walk(config, node.Pointer + "/config", ids, reader, problems);
            }

            if (node.ForEach is { } forEach)
            {
                CheckString(forEach, node.Pointer + "/forEach", ids, reader, problems);
            }
        }

        if (RawWorkflow.String(workflow.Root, "output") is { } output)
        {
            CheckString(output, "/output", ids, null, problems);
        }
    }

    private static void Walk(JsonElement value, string pointer, HashSet<string> ids, Reader? reader, ProblemList problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckString(value.GetString()!, pointer, ids, reader, problems);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Walk(property.Value, JsonPointers.Append(pointer, property.Name), ids, reader, problems);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, JsonPointers.Append(pointer, index++), ids, reader, problems);
                }

                break;
        }
    }

    private static void CheckString(string text, string pointer, HashSet<string> ids, Reader? reader, ProblemList problems)
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

        var referenced = template.Segments
            .Where(s => s.IsExpression)
            .SelectMany(s => Reference().Matches(s.Text))
            .Select(m => m.Groups["dot"].Success ? m.Groups["dot"].Value : m.Groups["quoted"].Value)
            .Distinct(StringComparer.Ordinal);
        foreach (var id in referenced)
        {
            if (!ids.Contains(id))
            {
                problems.Add(pointer, $"refers to unknown node '{id}'");
            }
            else if (reader is not null && id == reader.Id)
            {
                problems.Add(pointer, $"refers to its own output ('{id}'), which does not exist before it ends");
            }
            else if (reader is not null && !reader.Upstream.Reaches(id, reader.Id))
            {
                problems.Add(pointer, $"refers to node '{id}', which is not upstream of '{reader.Id}': add edges so that a path leads from '{id}' to '{reader.Id}', or '{id}' may not have run when '{reader.Id}' starts");
            }
        }
    }

    /// <summary>The node whose config or forEach is being read.</summary>
    private sealed record Reader(string Id, Upstream Upstream);

    /// <summary>Which nodes lie upstream of which, computed per node on first need (iteratively: 1,000-node chains).</summary>
    private sealed class Upstream
    {
        private readonly Dictionary<string, List<string>> _sources = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);

        public Upstream(RawWorkflow workflow)
        {
            foreach (var edge in workflow.Edges)
            {
                if (edge.Source is not null && edge.Target is not null)
                {
                    if (!_sources.TryGetValue(edge.Target, out var list))
                    {
                        _sources[edge.Target] = list = [];
                    }

                    list.Add(edge.Source);
                }
            }
        }

        public bool Reaches(string ancestor, string node)
        {
            if (!_ancestors.TryGetValue(node, out var found))
            {
                found = new HashSet<string>(StringComparer.Ordinal);
                var pending = new Stack<string>();
                pending.Push(node);
                while (pending.Count > 0)
                {
                    foreach (var source in _sources.GetValueOrDefault(pending.Pop()) ?? [])
                    {
                        if (found.Add(source))
                        {
                            pending.Push(source);
                        }
                    }
                }

                _ancestors[node] = found;
            }

            return found.Contains(ancestor);
        }
    }

    /// <summary><c>nodes.id</c> or <c>nodes['id']</c> / <c>nodes["id"]</c>, not preceded by a member access (<c>x.nodes</c>).</summary>
    [GeneratedRegex("""(?<![\w$.])nodes\s*(?:\.\s*(?<dot>[A-Za-z_][A-Za-z0-9_]*)|\[\s*(?<q>['"])(?<quoted>[^'"]+)\k<q>\s*\])""", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
