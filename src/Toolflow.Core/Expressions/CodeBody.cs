using Acornima;

namespace Toolflow.Core.Expressions;

/// <summary>
/// How a <c>code.javascript</c> body is compiled: as a strict async function whose parameters are
/// the scope. The sandbox runs this source and the validator parses it, so both accept the same code.
/// </summary>
public static class CodeBody
{
    /// <summary>The scope, as the parameters of every compiled function.</summary>
    public const string Parameters = "input, nodes, item, index, execution, params";

    // One line of wrapper before the body: parse errors are reported on the body's own lines.
    private const string Prefix = "(async function (" + Parameters + ") { 'use strict';\n";

    /// <summary>The source the sandbox compiles for <paramref name="body"/>.</summary>
    public static string Wrap(string body) => Prefix + body + "\n})";

    /// <summary>Returns why <paramref name="body"/> does not compile as a code body, or null.</summary>
    public static string? FindError(string body)
    {
        try
        {
            new Parser().ParseScript(Wrap(body));
            return null;
        }
        catch (ParseErrorException ex)
        {
            return $"{ex.Description} (line {Math.Max(1, ex.LineNumber - 1)}, column {ex.Column})";
        }
    }
}
