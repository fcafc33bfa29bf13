using System.Text.RegularExpressions;
using Toolflow.Core.Expressions;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// Rewrites the JavaScript of one n8n expression into a Toolflow one where the meaning is the same;
/// anything else is a problem ("expression with no equivalent").
/// </summary>
internal sealed partial class N8nExpressionRewriter(DataRefResolver resolver, string current, string workflowName)
{
    /// <summary>Returns the rewritten code, or null and the reason in <paramref name="problem"/>.</summary>
    public string? Rewrite(string code, out string? problem)
    {
        problem = null;
        string? found = null;
        var result = ItemReference().Replace(code, m =>
        {
            var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["dot"].Success ? m.Groups["dot"].Value : null;
            var target = name is null ? resolver.Current(current) : resolver.Node(current, name);
            var text = Reroot(target, m.Groups["chain"].Value, out var issue);
            found ??= issue;
            return text ?? m.Value;
        });
        result = Globals().Replace(result, m => m.Value switch
        {
            "$execution.id" => "execution.id",
            "$workflow.id" => "execution.workflowId",
            "$workflow.name" => JsString.Quote(workflowName),
            "$today" => "new Date(new Date().setHours(0, 0, 0, 0)).toISOString()",
            // n8n's helpers are plain functions: calling an equivalent arrow function keeps the arguments as written.
            "$if(" => "((c, a, b) => c ? a : b)(",
            "$ifEmpty(" => "((v, d) => v === undefined || v === null || v === '' || (typeof v === 'object' && Object.keys(v).length === 0) ? d : v)(",
            _ => "new Date().toISOString()",
        });

        result = ExtensionRewrites.Apply(result);
        found ??= N8nOnlySyntax.Find(result);
        found ??= ExpressionSyntax.FindJavaScriptError(result) is { } error ? $"it does not parse as JavaScript ({error})" : null;
        if (found is not null)
        {
            problem = $"'{Shorten(code)}': {found}";
            return null;
        }

        return result;
    }

    private static string? Reroot(DataRef target, string chain, out string? problem)
    {
        problem = target.Problem;
        if (target.Base is null)
        {
            return null;
        }

        var segments = MemberChain.Split(chain);
        if (target.WebhookRequest)
        {
            // n8n's webhook item is {headers, params, query, body}; Toolflow's input is the body alone.
            if (segments.Count == 0 || segments[0] != "body")
            {
                problem = "it reads the webhook request beyond its body (headers, query, params), which Toolflow does not pass";
                return null;
            }

            segments.RemoveAt(0);
        }

        var suffix = target.Shape.Suffix;
        if (target.Shape.Renames is { } renames)
        {
            var path = string.Join('.', segments);
            var rename = renames.FirstOrDefault(r => path == r.Key || path.StartsWith(r.Key + ".", StringComparison.Ordinal));
            if (rename.Key is null)
            {
                problem = $"it reads '{path}', a field this node's Toolflow output does not have (known: {string.Join(", ", renames.Keys)})";
                return null;
            }

            segments.RemoveRange(0, rename.Key.Split('.').Length);
            suffix = rename.Value;
        }

        return target.Base + suffix + MemberChain.Join(segments);
    }

    private static string Shorten(string code) => code.Length <= 80 ? code : string.Concat(code.AsSpan(0, 77), "...");

    [GeneratedRegex(
        """(?:\$\(\s*(?<q>['"`])(?<name>(?:(?!\k<q>).)*)\k<q>\s*\)\s*\.\s*(?:item|first\(\s*\)|last\(\s*\)|itemMatching\([^()]*\))\s*\.\s*json(?![\w$])"""
        + """|\$node\s*\[\s*(?<q>['"])(?<name>(?:(?!\k<q>).)*)\k<q>\s*\]\s*\.\s*json(?![\w$])"""
        + """|\$node\.(?<dot>[A-Za-z_][\w]*)\.json(?![\w$])"""
        + """|\$input\s*\.\s*(?:item|first\(\s*\)|last\(\s*\))\s*\.\s*json(?![\w$])"""
        + """|\$json(?![\w$]))"""
        + MemberChain.Pattern)]
    private static partial Regex ItemReference();

    [GeneratedRegex(@"\$if\(|\$ifEmpty\(|\$today(?![\w$.])|\$execution\.id(?![\w$])|\$workflow\.(?:id|name)(?![\w$])|\$now\.toISO\(\s*\)|\$now(?![\w$.])")]
    private static partial Regex Globals();
}
