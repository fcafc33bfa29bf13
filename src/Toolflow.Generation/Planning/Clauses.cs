using System.Text.RegularExpressions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// The prompt cut into clauses at punctuation and sequencing words ("then", "->", "otherwise"):
/// details (a URL, an address, "with AI") belong to the step of their own clause.
/// </summary>
internal sealed partial class Clauses
{
    private readonly List<(int Start, int End)> spans = [];

    public Clauses(string scan)
    {
        var start = 0;
        foreach (Match m in Boundary().Matches(scan))
        {
            // A comma inside parentheses lists things, "(low, high)"; it does not end a clause.
            if (Depth(scan, m.Index) > 0)
            {
                continue;
            }

            spans.Add((start, m.Index));
            start = m.Index + m.Length;
        }

        spans.Add((start, scan.Length));
    }

    public IReadOnlyList<(int Start, int End)> Spans => spans;

    private static int Depth(string scan, int index) => scan[..index].Count(c => c == '(') - scan[..index].Count(c => c == ')');

    public int IndexOf(int position)
    {
        for (var i = 0; i < spans.Count; i++)
        {
            if (position < spans[i].End || i == spans.Count - 1)
            {
                return i;
            }
        }

        return spans.Count - 1;
    }

    public (int Start, int End) Of(int position) => spans[IndexOf(position)];

    [GeneratedRegex(@"[,;:!?](?=\s|$)|\.(?=\s|$)|\s->\s?|→|\b(?:and then|then|afterwards|after that|finally|otherwise|else)\b")]
    private static partial Regex Boundary();
}
