using System.Text;
using System.Text.RegularExpressions;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// The member accesses after an item reference (<c>.a["b"][0]</c>), so that a base can be
/// re-rooted: the webhook's <c>body</c> dropped, or an n8n field renamed to a Toolflow one.
/// </summary>
internal static partial class MemberChain
{
    /// <summary>Matches a run of <c>.name</c>, <c>?.name</c>, <c>['name']</c> and <c>[0]</c> accessors.</summary>
    public const string Pattern = """(?<chain>(?:\s*\??\.\s*[A-Za-z_$][\w$]*(?![\w$]|\s*\()|\s*\[\s*(?:'[^'\\]*'|"[^"\\]*"|\d+)\s*\])*)""";

    public static List<string> Split(string chain)
    {
        var result = new List<string>();
        foreach (Match m in Segment().Matches(chain))
        {
            result.Add(m.Groups["id"].Success ? m.Groups["id"].Value : m.Groups["key"].Success ? m.Groups["key"].Value : m.Groups["idx"].Value);
        }

        return result;
    }

    public static string Join(IEnumerable<string> segments)
    {
        var builder = new StringBuilder();
        foreach (var s in segments)
        {
            if (Identifier().IsMatch(s))
            {
                builder.Append('.').Append(s);
            }
            else if (s.Length > 0 && s.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(s).Append(']');
            }
            else
            {
                builder.Append('[').Append(JsString.Quote(s)).Append(']');
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex("""\??\.\s*(?<id>[A-Za-z_$][\w$]*)|\[\s*(?:'(?<key>[^'\\]*)'|"(?<key>[^"\\]*)"|(?<idx>\d+))\s*\]""")]
    private static partial Regex Segment();

    [GeneratedRegex(@"^[A-Za-z_$][\w$]*$")]
    private static partial Regex Identifier();
}
