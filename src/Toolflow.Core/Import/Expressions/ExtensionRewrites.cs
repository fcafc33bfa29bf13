using System.Text.RegularExpressions;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// n8n extension methods with a plain JavaScript equivalent, when called on a simple member path
/// (<c>nodes.a.output.x.toJsonString()</c> → <c>JSON.stringify(nodes.a.output.x)</c>). Others stay and are reported.
/// </summary>
internal static partial class ExtensionRewrites
{
    private const string Empty = "(v == null || v === '' || (typeof v === 'object' && Object.keys(v).length === 0))";

    public static string Apply(string code) => Call().Replace(code, m => m.Groups["method"].Value switch
    {
        "toJsonString" => $"JSON.stringify({m.Groups["recv"].Value})",
        "isEmpty" => $"((v) => {Empty})({m.Groups["recv"].Value})",
        "isNotEmpty" => $"((v) => !{Empty})({m.Groups["recv"].Value})",
        _ => m.Value,
    });

    [GeneratedRegex("""(?<recv>(?<![\w$.\])])[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|\[(?:\d+|'[^']*'|"[^"]*")\])*)\.(?<method>toJsonString|isEmpty|isNotEmpty)\(\s*\)""")]
    private static partial Regex Call();
}
