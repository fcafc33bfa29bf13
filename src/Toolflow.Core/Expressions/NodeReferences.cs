namespace Toolflow.Core.Expressions;

/// <summary>
/// Picks the node outputs an expression can reach, so that evaluating <c>{{ nodes.a.output.x }}</c>
/// does not convert every other node's (possibly large) output into JavaScript. A node is kept when
/// its id appears in the code; when <c>nodes</c> is used other than as <c>nodes.id</c> (e.g.
/// <c>nodes[k]</c>, <c>Object.keys(nodes)</c>) every node is kept.
/// </summary>
internal static class NodeReferences
{
    public static Func<string, bool>? Filter(ExpressionScope scope, IEnumerable<ExpressionTemplate> templates)
    {
        if (scope.Nodes.Count == 0)
        {
            return null;
        }

        var codes = templates.SelectMany(t => t.Segments).Where(s => s.IsExpression).Select(s => s.Text).ToList();
        if (codes.Any(UsesNodesDynamically))
        {
            return null;
        }

        return id => codes.Any(code => code.Contains(id, StringComparison.Ordinal));
    }

    private static bool UsesNodesDynamically(string code)
    {
        var at = code.IndexOf("nodes", StringComparison.Ordinal);
        while (at >= 0)
        {
            var next = at + 5;
            while (next < code.Length && char.IsWhiteSpace(code[next]))
            {
                next++;
            }

            if (next >= code.Length || (code[next] != '.' && code[next] != '?'))
            {
                return true;
            }

            at = code.IndexOf("nodes", next, StringComparison.Ordinal);
        }

        return false;
    }
}
