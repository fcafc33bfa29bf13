using System.Text.RegularExpressions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// "For each order post it …" / "classify each entry": the step runs once per item of the list
/// the step before it produced (or of the input's list of that name).
/// </summary>
internal static partial class ForEachReader
{
    public static void Apply(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (Match m in Prefix().Matches(text.Scan))
        {
            var target = steps.FirstOrDefault(s => s.Position > m.Index && s.Tool is not ("flow.condition" or "flow.merge"));
            Mark(target, m.Groups["noun"].Value, text);
        }

        foreach (Match m in Infix().Matches(text.Scan))
        {
            var clause = clauses.IndexOf(m.Index);
            var target = steps.Where(s => s.Clause == clause && s.Position < m.Index && s.Tool is not ("flow.condition" or "flow.merge")).LastOrDefault()
                ?? steps.FirstOrDefault(s => s.Position > m.Index && s.Clause == clause);
            Mark(target, m.Groups["noun"].Value, text);
        }
    }

    private static void Mark(PlannedStep? step, string noun, PromptText? text = null)
    {
        // "each one", "each of them": the list is the one the prompt named ("a list of emails").
        if (noun is "one" or "of" or "item" or "them" && text is not null && ListOf().Match(text.Scan) is { Success: true } list)
        {
            noun = list.Groups[1].Value;
        }

        if (step is null || step.ForEach)
        {
            return;
        }

        step.ForEach = true;
        step.ForEachNoun = noun;
    }

    [GeneratedRegex(@"\b(?:for\s+(?:each|every|all(?:\s+the)?)|per)\s+(?<noun>[a-z_]+)")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\b(?:list|array|set|batch)\s+of\s+([a-z_]+)")]
    private static partial Regex ListOf();

    [GeneratedRegex(@"(?<!for\s)\beach\s+(?<noun>[a-z_]+)")]
    private static partial Regex Infix();
}
