using System.Text;
using System.Text.RegularExpressions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// A prompt prepared for reading: common typos of the words the planner looks for are corrected,
/// and <see cref="Scan"/> is a lower-case copy of the same length in which URLs, e-mail addresses,
/// quoted text and <c>{{ }}</c> expressions are masked, so their contents never look like
/// instructions ("https://example.com/email" is not a request to send an e-mail).
/// Positions in <see cref="Scan"/> and <see cref="Text"/> are the same.
/// </summary>
internal sealed partial class PromptText
{
    private PromptText(string text)
    {
        Text = text;
        var scan = new StringBuilder(text.ToLowerInvariant());
        foreach (var regex in new[] { Expression(), Url(), Email(), Uuid() })
        {
            foreach (Match m in regex.Matches(text))
            {
                for (var i = m.Index; i < m.Index + m.Length; i++)
                {
                    scan[i] = '#';
                }
            }
        }

        Scan = scan.ToString();
    }

    public string Text { get; }

    public string Scan { get; private set; }

    public static PromptText From(string prompt) => new(Typos.Correct(prompt.Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' ')));

    public IEnumerable<Match> Urls => Url().Matches(Text).Where(m => !InsideExpression(m.Index));

    public IEnumerable<Match> Emails => Email().Matches(Text).Where(m => !InsideExpression(m.Index));

    public IEnumerable<Match> Expressions => Expression().Matches(Text);

    public IEnumerable<Match> Uuids => Uuid().Matches(Text);

    /// <summary>Blanks a span of the scan text once it has been consumed (a trigger phrase).</summary>
    public void Consume(int start, int length)
    {
        var chars = Scan.ToCharArray();
        for (var i = start; i < start + length && i < chars.Length; i++)
        {
            chars[i] = chars[i] == '#' ? '#' : ' ';
        }

        Scan = new string(chars);
    }

    public string Slice(int start, int end) => Text[Math.Max(0, start)..Math.Min(Text.Length, end)];

    private bool InsideExpression(int index) =>
        Expression().Matches(Text).Any(e => index > e.Index && index < e.Index + e.Length);

    // Trailing punctuation of a sentence is not part of a URL.
    [GeneratedRegex(@"https?://(?:\{\{[^}]*\}\}|[^\s,;""'<>)])+(?<![.!?:])", RegexOptions.IgnoreCase)]
    internal static partial Regex Url();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    internal static partial Regex Email();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    internal static partial Regex Expression();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    internal static partial Regex Uuid();
}
