namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// The expression that reads a node's output. Node ids may hold '-', which is no JavaScript
/// identifier character (<c>nodes.a-b</c> would subtract), so such ids use bracket notation.
/// </summary>
internal static class NodeOutput
{
    public static string Of(string id) => IsIdentifier(id) ? $"nodes.{id}.output" : $"nodes[{JsString.Quote(id)}].output";

    private static bool IsIdentifier(string id) =>
        id.Length > 0 && (char.IsAsciiLetter(id[0]) || id[0] is '_' or '$') && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
}
