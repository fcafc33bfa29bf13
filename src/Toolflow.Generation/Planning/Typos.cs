using System.Text.RegularExpressions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// Corrects misspellings of the planner's keywords ("evry", "fecth", "emial", "sumarize") by edit
/// distance, keeping the writer's capitalisation. Only words the planner reads are targets, and
/// only words that are not themselves known, so ordinary English is left alone.
/// </summary>
internal static partial class Typos
{
    private static readonly string[] Keywords =
    [
        "every", "each", "daily", "hourly", "weekly", "monthly", "nightly", "weekday", "weekdays", "weekend",
        "minute", "minutes", "hour", "hours", "morning", "evening", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "webhook", "received", "receive", "workflow", "completes", "finishes",
        "fetch", "download", "request", "email", "e-mail", "summarise", "summarize", "summary", "translate",
        "classify", "extract", "sentiment", "approval", "approve", "query", "database", "table", "insert",
        "javascript", "script", "template", "condition", "exceeds", "greater", "status", "count", "total",
        "wait", "delay", "merge", "combine", "switch", "route", "subworkflow", "the", "then", "and", "with",
        "send", "post", "schedule", "midnight", "notify", "alert", "reminder", "otherwise", "unless",
    ];

    private static readonly HashSet<string> Known = new(Keywords.Concat(
    [
        "mail", "main", "email", "when", "what", "that", "them", "they", "this", "than", "also", "into", "from", "have",
        "tell", "wait", "want", "went", "well", "week", "weeks", "word", "work", "works", "year", "days", "used",
        "user", "users", "uses", "sent", "save", "same", "some", "soon", "list", "last", "late", "later", "lead",
        "team", "teams", "text", "task", "tasks", "take", "tick", "ping", "plan", "poem", "post", "posts", "rate",
        "rates", "rows", "roles", "data", "date", "dates", "time", "type", "item", "items", "name", "names",
        "note", "notes", "body", "both", "call", "calls", "code", "case", "cases", "cache", "each", "even",
        "ever", "every", "many", "more", "most", "much", "must", "need", "news", "next", "only", "open",
        "order", "orders", "other", "queue", "quite", "table", "tables", "there", "these", "those", "total",
        "totals", "match", "fetched", "queries", "queried", "emails", "mailed", "request", "requests",
        "status", "states", "stats", "store", "stores", "stored", "fetches", "summaries", "alerts", "past", "host",
        "cost", "test", "rest", "most", "best", "lost", "fast", "pass", "sort", "part", "port", "hook", "hooks", "mails",
        "tables", "weekly", "create", "created", "delete", "deleted", "update", "updated", "result", "results", "every",
    ]), StringComparer.OrdinalIgnoreCase);

    public static string Correct(string text) => Word().Replace(text, m => Fix(m.Value));

    private static string Fix(string word)
    {
        if (word.Length < 3 || Known.Contains(word))
        {
            return word;
        }

        // Three-letter words are too easily something else; only the classic swap is fixed.
        if (word.Length == 3)
        {
            return word.Equals("teh", StringComparison.OrdinalIgnoreCase) ? (char.IsUpper(word[0]) ? "The" : "the") : word;
        }

        var lower = word.ToLowerInvariant();

        // A plural of a keyword ("mondays", "webhooks") is a word, not a typo.
        if (lower.EndsWith('s') && Keywords.Contains(lower[..^1]))
        {
            return word;
        }

        var budget = lower.Length >= 7 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var keyword in Keywords)
        {
            if (Math.Abs(keyword.Length - lower.Length) > budget || keyword[0] != lower[0])
            {
                continue;
            }

            var distance = Distance(lower, keyword);
            if (distance <= budget && distance < bestDistance)
            {
                best = keyword;
                bestDistance = distance;
            }
        }

        return best is null ? word : char.IsUpper(word[0]) ? char.ToUpperInvariant(best[0]) + best[1..] : best;
    }

    /// <summary>Optimal string alignment distance: a swap of two neighbours ("teh") counts once.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    // Words outside URLs, addresses and expressions: the masks are applied afterwards, so a word here
    // must be plain letters (a URL's path segments contain '/', '.', ':' next to them and are skipped).
    [GeneratedRegex(@"(?<![\w./:@{#-])[A-Za-z][A-Za-z-]*(?![\w./:@}-])")]
    private static partial Regex Word();
}
