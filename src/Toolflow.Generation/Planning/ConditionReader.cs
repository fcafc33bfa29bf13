using System.Text.RegularExpressions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// Reads conditions — "if the status is not 200", "when the total exceeds 100", "unless it is
/// empty", "if there are more than 10 rows" — into a subject, an operator and a value. A step named
/// inside the condition ("if the status of https://… is not 200") is what the condition looks at,
/// so it is moved before it.
/// </summary>
internal static partial class ConditionReader
{
    public static void Read(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (Match m in Condition().Matches(text.Scan))
        {
            var op = Normalise(m.Groups["op"].Value);
            var value = m.Groups["val"].Success ? m.Groups["val"].Value : null;
            if (op is "is" && value is null)
            {
                continue;
            }

            var negate = m.Groups["kw"].Value == "unless";
            var subject = m.Groups["subj"].Value.Trim();
            var condition = new PlannedStep("flow.condition", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length))
            {
                Condition = new ConditionSpec(subject, op, value, negate),
            };
            foreach (var inside in steps.Where(s => s.Position > m.Index && s.Position < m.Index + m.Length))
            {
                inside.Position = m.Index - 0.25;
            }

            steps.Add(condition);
        }

        // "if valid", "if it is empty", "unless approved": a state without a comparison.
        foreach (Match m in Unary().Matches(text.Scan))
        {
            if (steps.Any(s => s.Tool == "flow.condition" && Math.Abs(s.Position - m.Index) < 3))
            {
                continue;
            }

            var state = m.Groups["state"].Value;
            var negate = m.Groups["kw"].Value == "unless" || m.Groups["not"].Success;
            var op = state switch
            {
                "empty" => "is empty",
                "invalid" or "not valid" => "is invalid",
                "true" => "is true",
                "false" => "is false",
                "down" or "offline" or "unreachable" or "unavailable" or "failing" or "broken" => "is down",
                "up" or "online" => "is up",
                _ => "is valid",
            };
            steps.Add(new PlannedStep("flow.condition", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length))
            {
                Condition = new ConditionSpec(m.Groups["subj"].Value, op, null, negate),
            });
        }

        // "classify the lead as hot, warm or cold; if hot email …": a label of the classification before.
        foreach (Match m in LabelTest().Matches(text.Scan))
        {
            var label = m.Groups["label"].Value;
            var classifier = steps.LastOrDefault(s => s.Tool == "llm.chat" && s.Position < m.Index && s.Labels.Contains(label, StringComparer.OrdinalIgnoreCase));
            if (classifier is null || steps.Any(s => s.Tool == "flow.condition" && Math.Abs(s.Position - m.Index) < 3))
            {
                continue;
            }

            steps.Add(new PlannedStep("flow.condition", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length))
            {
                Condition = new ConditionSpec(string.Empty, "==", "'" + label + "'", m.Groups["not"].Success),
            });
        }

        PostfixConditions(text, clauses, steps);
    }

    /// <summary>"alert me by email if the price drops below 50": the condition guards the action named just before it.</summary>
    private static void PostfixConditions(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (var condition in steps.Where(s => s.Tool == "flow.condition").ToList())
        {
            var action = steps.Where(s => s != condition && s.Clause == condition.Clause && s.Position < condition.Position && s.Tool is not "flow.condition")
                .OrderBy(s => s.Position).LastOrDefault();
            if (action is null || action.Tool is not ("email.send" or "flow.approval" or "flow.fail" or "flow.subworkflow") && !(action.Tool == "http.request" && action.Method != "GET"))
            {
                continue;
            }

            var between = text.Scan[Math.Min((int)condition.Position, (int)action.Position + action.Phrase.Length)..(int)condition.Position];
            if (!Regex.IsMatch(between, @"\b(?:and|then|also)\b|[,;]"))
            {
                condition.Position = action.Position - 0.1;
            }
        }
    }

    private static string Normalise(string op) => op switch
    {
        "is not" or "isn't" or "is not equal to" or "does not equal" or "doesn't equal" or "not equal to" or "!=" or "is no longer" or "is not equal" => "!=",
        "exceeds" or "exceed" or "is greater than" or "greater than" or "is more than" or "more than" or "is larger than" or "is higher than" or "is over" or "over" or "is above" or "above" or ">" => ">",
        "is less than" or "less than" or "is lower than" or "is smaller than" or "fewer than" or "is below" or "below" or "is under" or "under" or "<" or "drops below" or "falls below" => "<",
        "is at least" or "at least" or ">=" => ">=",
        "is at most" or "at most" or "<=" => "<=",
        "equals" or "is equal to" or "==" or "=" or "is" => "==",
        _ => op,
    };

    [GeneratedRegex(@"\b(?:if|when)\s+(?:it\s+is\s+|it's\s+|they\s+are\s+|the \w+ is\s+)?(?<not>not\s+)?(?<label>[a-z][\w-]*)\b")]
    private static partial Regex LabelTest();

    [GeneratedRegex(@"\b(?<kw>only if|if|unless|when)\s+(?<subj>(?:it|they|the \w+|this|that)\s*)?(?:is\s+|are\s+|was\s+|were\s+|'s\s+|goes\s+|go\s+)?(?<not>not\s+)?(?<state>valid|invalid|not valid|empty|true|false|successful|ok|down|up|offline|online|unreachable|unavailable|failing|broken)\b")]
    private static partial Regex Unary();

    [GeneratedRegex(@"\b(?<kw>only if|if|unless|in case|when|whenever)\s+(?<subj>(?:(?!(?:if|when|then|and|or)\b)[\w'.#-]+\s+){0,6}?)(?<op>is not equal to|is not equal|is not|isn't|is no longer|does not equal|doesn't equal|not equal to|!=|exceeds|exceed|is greater than|greater than|is more than|more than|is larger than|is higher than|is over|over|is above|above|>=|>|is less than|less than|is lower than|is smaller than|fewer than|is below|below|is under|under|drops below|falls below|<=|<|is at least|at least|is at most|at most|equals|is equal to|==|=|contains|includes|is empty|is invalid|is valid|is true|is false|fails|failed|is)(?:\s+(?<val>'[^']*'|""[^""]*""|-?\d+(?:\.\d+)?%?|(?!(?:then|and|send|email|ask|get|wait|fail|raise|stop|post|call)\b)[a-z_][\w-]*))?")]
    private static partial Regex Condition();
}
