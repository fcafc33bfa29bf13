namespace Toolflow.Server.Cli;

/// <summary>
/// The extra words a verb passes to configuration are settings: <c>--Section:Key=value</c>, <c>--Key value</c>,
/// <c>/Key=value</c> or <c>Key=value</c>, as the command-line configuration provider reads them. Anything else
/// (<c>--bogus</c> with no value, a stray word) is a mistake to report, not something to ignore.
/// </summary>
internal static class SettingTokens
{
    /// <summary>The first token that is not part of a setting, or null when they all are.</summary>
    public static string? FirstNotASetting(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var key = token.StartsWith("--", StringComparison.Ordinal) ? token[2..] : token.StartsWith('/') ? token[1..] : null;
            if (key is null)
            {
                if (token.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    return token; // a stray word, or -x (single-dash switches are not settings here)
                }

                continue;
            }

            if (key.Length == 0 || key[0] == '=')
            {
                return token;
            }

            if (key.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            // --Key value: the next token is the value.
            if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-'))
            {
                i++;
                continue;
            }

            return token;
        }

        return null;
    }
}
