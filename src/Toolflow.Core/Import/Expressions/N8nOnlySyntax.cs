using System.Text.RegularExpressions;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// Finds what is left of n8n after rewriting: <c>$</c> variables (<c>$binary</c>, <c>$input.all()</c>…)
/// and n8n's extension methods on strings, arrays and dates, which plain JavaScript does not have.
/// </summary>
internal static partial class N8nOnlySyntax
{
    public static string? Find(string code)
    {
        var stripped = StringLiteral().Replace(code, "\"\"");
        var variable = DollarName().Match(stripped);
        if (variable.Success)
        {
            return $"the n8n variable '{variable.Value}' has no Toolflow equivalent";
        }

        var extension = ExtensionMethod().Match(stripped);
        if (extension.Success)
        {
            return $"'.{extension.Groups["m"].Value}()' is an n8n extension, not JavaScript";
        }

        return Luxon().IsMatch(stripped) ? "Luxon's DateTime is not available in Toolflow expressions" : null;
    }

    [GeneratedRegex("""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w$])\$[A-Za-z_(][\w$]*")]
    private static partial Regex DollarName();

    [GeneratedRegex(@"(?<!Math|Number|Object|Array|JSON|String|Date|Promise)\.(?<m>isEmpty|isNotEmpty|toDateTime|toJsonString|pluck|extractDomain|extractEmail|extractUrl|toInt|toFloat|toBoolean|isEmail|isUrl|isDomain|removeDuplicates|unique|sum|average|max|min|first|last|chunk|compact|difference|intersection|randomItem|renameKeys|keepFieldsContaining|removeField|hasField|urlEncode|urlDecode|hash|base64Encode|base64Decode|toTitleCase|toSentenceCase|toSnakeCase|quote|removeTags|replaceSpecialChars|format|minus|plus|toFormat|toISO|toMillis|toSeconds|diff|isBetween|beginningOf|endOfMonth|round|ceil|floor|isEven|isOdd|parseJson|isNumeric|toDate|extract|toNumber|toBase64|smartJoin|append|isInLast)\s*\(")]
    private static partial Regex ExtensionMethod();

    [GeneratedRegex(@"(?<![\w$.])DateTime\.")]
    private static partial Regex Luxon();
}
