using System.Text.RegularExpressions;
using Toolflow.Core.Tools;

namespace Toolflow.Generation.Suggestions;

/// <summary>A tool ranked for requirements: a score in [0, 1] and the words that matched.</summary>
public sealed record RankedTool(string Name, double Score, string Reason);

/// <summary>
/// suggest_tools(requirements): Okapi BM25 (k1 = 1.2, b = 0.75) over each tool's name, description,
/// category and a list of words people use for its job, with the query expanded by synonyms
/// ("mail" → email, "fetch" → http …). Scores are divided by the best possible score of the query,
/// so 1 means every word of the requirement matched the tool's strongest terms.
/// </summary>
public sealed partial class ToolSuggester
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<(ToolDescriptor Tool, Dictionary<string, int> Terms, int Length)> documents = [];
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private readonly double averageLength;

    public ToolSuggester(IToolCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var tool in catalog.All)
        {
            var words = Tokens($"{tool.Name.Replace('.', ' ')} {tool.Name} {tool.Category} {tool.Description} {ToolVocabulary.For(tool.Name)}").ToList();
            var terms = words.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            documents.Add((tool, terms, words.Count));
            foreach (var term in terms.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        averageLength = documents.Count == 0 ? 1 : documents.Average(d => d.Length);
    }

    /// <summary>Tools for all requirements together: each tool's best score over the requirements, best first.</summary>
    public IReadOnlyList<RankedTool> Suggest(IEnumerable<string> requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        var best = new Dictionary<string, RankedTool>(StringComparer.Ordinal);
        foreach (var requirement in requirements)
        {
            foreach (var ranked in Rank(requirement))
            {
                if (!best.TryGetValue(ranked.Name, out var current) || current.Score < ranked.Score)
                {
                    best[ranked.Name] = ranked;
                }
            }
        }

        return [.. best.Values.OrderByDescending(r => r.Score).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Tools for one requirement, best first; tools that match nothing are left out.</summary>
    public IReadOnlyList<RankedTool> Rank(string requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in Tokens(requirement))
        {
            query.TryAdd(word, word);
            foreach (var synonym in ToolVocabulary.Synonyms(word))
            {
                query.TryAdd(synonym, word);
            }
        }

        var scored = new List<(ToolDescriptor Tool, double Score, List<(string Term, string From)> Matched)>();
        foreach (var (tool, terms, length) in documents)
        {
            var score = 0.0;
            var matched = new List<(string, string)>();
            foreach (var (term, from) in query)
            {
                if (!terms.TryGetValue(term, out var tf))
                {
                    continue;
                }

                score += Idf(term) * tf * (K1 + 1) / (tf + (K1 * (1 - B + (B * length / averageLength))));
                matched.Add((term, from));
            }

            if (score > 0)
            {
                scored.Add((tool, score, matched));
            }
        }

        if (scored.Count == 0)
        {
            return [];
        }

        var top = scored.Max(s => s.Score);
        return [.. scored.OrderByDescending(s => s.Score).Select(s => new RankedTool(
            s.Tool.Name,
            Math.Round(s.Score / top * Coverage(s.Matched, query), 3),
            $"\"{Shorten(requirement)}\" matched {string.Join(", ", s.Matched.Select(m => m.Term == m.From ? $"'{m.Term}'" : $"'{m.From}' (as '{m.Term}')").Distinct().Take(6))}"))];
    }

    // The share of the requirement's own words that found something: one stray match is not a strong suggestion.
    private static double Coverage(List<(string Term, string From)> matched, Dictionary<string, string> query)
    {
        var words = query.Values.Distinct(StringComparer.Ordinal).Count(w => !Stop.Contains(w));
        var hit = matched.Select(m => m.From).Distinct(StringComparer.Ordinal).Count();
        return words == 0 ? 0 : Math.Min(1.0, 0.5 + (0.5 * hit / words));
    }

    private double Idf(string term)
    {
        var n = documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + ((documents.Count - n + 0.5) / (n + 0.5)));
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..57] + "…" : text;

    internal static IEnumerable<string> Tokens(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => Stem(m.Value)).Where(w => w.Length > 1 && !Stop.Contains(w));

    /// <summary>A light stemmer: plural and -ing/-ed endings, -ise/-ize spelled one way.</summary>
    internal static string Stem(string word)
    {
        var w = word.Replace("ize", "ise", StringComparison.Ordinal).Replace("yze", "yse", StringComparison.Ordinal);
        if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal))
        {
            w = w[..^3];
        }
        else if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.Length > 4 && w.EndsWith("es", StringComparison.Ordinal) && !w.EndsWith("ses", StringComparison.Ordinal))
        {
            w = w[..^1];
        }
        else if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))
        {
            w = w[..^1];
        }

        return w.EndsWith('e') && w.Length > 4 ? w[..^1] : w;
    }

    private static readonly HashSet<string> Stop =
    [
        "the", "a", "an", "to", "of", "and", "or", "in", "on", "for", "with", "it", "is", "be", "by", "from", "that", "this",
        "its", "as", "at", "then", "when", "if", "into", "each", "my", "our", "me", "we", "i", "you", "some", "any", "all", "want", "need",
    ];

    [GeneratedRegex(@"[a-z][a-z0-9-]*")]
    private static partial Regex Word();
}
