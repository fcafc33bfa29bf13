using System.Text.RegularExpressions;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Planning;

/// <summary>Reads a prompt into a <see cref="WorkflowPlan"/>: trigger first (its words are consumed), then the steps.</summary>
internal static partial class PromptPlanner
{
    public static WorkflowPlan Understand(string prompt, GenerationContext context, GenerationReportBuilder report, bool followUp = false)
    {
        var text = PromptText.From(prompt);
        var remove = new List<string>();
        if (followUp)
        {
            foreach (Match m in Removal().Matches(text.Scan))
            {
                remove.Add(ToolOf(m.Groups["what"].Value));
                text.Consume(m.Index, m.Length);
            }
        }

        var trigger = TriggerReader.Read(text, context, report);
        var notes = new StepReaderNotes();
        var steps = StepReader.Read(text, trigger?.WorkflowId, notes);
        var unmapped = Unmapped(text, notes);
        return new WorkflowPlan(trigger, steps, unmapped, remove, followUp && Instead().IsMatch(text.Scan));
    }

    /// <summary>Clauses in which no trigger and no step was found, and which say more than "please" or "thanks".</summary>
    private static List<string> Unmapped(PromptText text, StepReaderNotes notes)
    {
        var result = new List<string>();
        if (notes.Clauses is null)
        {
            return result;
        }

        for (var i = 0; i < notes.Clauses.Spans.Count; i++)
        {
            var (start, end) = notes.Clauses.Spans[i];
            if (notes.Covered.Any(p => p >= start && p < end))
            {
                continue;
            }

            var scan = text.Scan[start..end];
            var words = Regex.Matches(scan, "[a-z]{3,}").Select(m => m.Value).Where(w => !Filler.Contains(w)).ToList();
            if (words.Count > 0)
            {
                result.Add(text.Slice(start, end).Trim());
            }
        }

        return result;
    }

    private static string ToolOf(string what) => what switch
    {
        _ when what.Contains("mail", StringComparison.Ordinal) => "email.send",
        _ when what.StartsWith("approv", StringComparison.Ordinal) => "flow.approval",
        _ when what is "delay" or "wait" => "flow.delay",
        _ when what.StartsWith("summ", StringComparison.Ordinal) || what.StartsWith("transl", StringComparison.Ordinal) || what is "llm" or "ai" => "llm.chat",
        _ when what is "condition" or "check" => "flow.condition",
        _ when what is "http" or "request" or "post" or "fetch" => "http.request",
        _ when what is "query" or "database" => "db.query",
        _ => "code.javascript",
    };

    private static readonly HashSet<string> Filler =
    [
        "please", "plz", "pls", "thanks", "thank", "thx", "you", "and", "the", "then", "also", "nothing", "that", "this", "all",
        "parallel", "them", "with", "for", "its", "please", "kindly", "just", "can", "could", "would", "want", "need", "like", "workflow",
        "make", "create", "build", "set", "automation", "flow", "one", "which", "will", "should", "okay", "hey", "hello", "both",
        "same", "time", "input", "results", "result", "data", "from", "into", "using", "via", "about", "afterwards", "finally", "step",
        "instead", "too", "well", "more", "after", "before", "once", "now", "later", "run",
    ];

    [GeneratedRegex(@"\b(?:remove|drop|delete|skip|no longer|don't|do not|stop)\s+(?:the\s+|sending\s+|to\s+)?(?<what>e-?mail|mail|approval|delay|wait|summary|summari[sz]\w*|translation|llm|ai|condition|check|http|request|post|fetch|query|database|code|script)\w*(?:\s+(?:step|node|part))?")]
    private static partial Regex Removal();

    [GeneratedRegex(@"\binstead\b|\brather than\b|\bchange\b|\breplace\b")]
    private static partial Regex Instead();
}
