using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolflow.Core.Definitions;

namespace Toolflow.Generation.Optimization;

/// <summary>Which nodes each node's expressions read (<c>nodes.x</c> / <c>nodes['x']</c>), and whether the output expression does.</summary>
internal static partial class References
{
    public static HashSet<string> Of(NodeDefinition node)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        Collect(node.Config, found);
        if (node.ForEach is { } forEach)
        {
            Scan(forEach, found);
        }

        return found;
    }

    public static HashSet<string> InText(string? text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (text is not null)
        {
            Scan(text, found);
        }

        return found;
    }

    public static string Rename(string text, string from, string to) =>
        text.Replace($"nodes.{from}.", $"nodes.{to}.", StringComparison.Ordinal)
            .Replace($"nodes['{from}']", $"nodes['{to}']", StringComparison.Ordinal)
            .Replace($"nodes[\"{from}\"]", $"nodes[\"{to}\"]", StringComparison.Ordinal);

    private static void Collect(JsonNode? node, HashSet<string> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    Collect(value, found);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, found);
                }

                break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                Scan(s, found);
                break;
        }
    }

    private static void Scan(string text, HashSet<string> found)
    {
        foreach (Match m in Reference().Matches(text))
        {
            found.Add(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        }
    }

    [GeneratedRegex(@"\bnodes\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['""]([^'""]+)['""]\s*\])")]
    private static partial Regex Reference();
}
