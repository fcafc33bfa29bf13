using System.Globalization;
using System.Text.RegularExpressions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// Finds the steps a prompt asks for, in the order it asks for them. Each detector looks for the
/// words that name one tool's job (an URL to fetch or post to, an address to mail, SQL or a table,
/// summarise/translate/classify/extract, a condition, a wait, an approval …); details found in the
/// same clause are attached to the step; mentions of the same job in one clause become one step.
/// </summary>
internal static partial class StepReader
{
    private static readonly string[] Mergeable =
        ["llm.chat", "db.query", "code.javascript", "data.template", "data.set", "flow.approval", "flow.fail", "flow.switch", "flow.merge", "flow.subworkflow"];

    public static List<PlannedStep> Read(PromptText text, string? triggerWorkflowId, StepReaderNotes notes)
    {
        var steps = new List<PlannedStep>();
        var sqlSpans = SqlSteps(text, steps);
        foreach (var (start, length) in sqlSpans)
        {
            text.Consume(start, length);
        }

        var clauses = new Clauses(text.Scan);
        notes.Clauses = clauses;
        UrlSteps(text, clauses, steps);
        Detect(text, clauses, steps, ChatTarget(), "http.request", (s, m) => { s.Method = "POST"; });
        Detect(text, clauses, steps, FetchPronoun(), "http.request", null);
        Detect(text, clauses, steps, ChatMessage(), "http.request", (s, m) => s.Method = "POST");
        EmailSteps(text, clauses, steps);
        DbSteps(text, clauses, steps);
        LlmSteps(text, clauses, steps);
        Detect(text, clauses, steps, Code(), "code.javascript", null);
        Detect(text, clauses, steps, Template(), "data.template", null);
        SetSteps(text, clauses, steps);
        Detect(text, clauses, steps, Merge(), "flow.merge", null);
        Detect(text, clauses, steps, Fail(), "flow.fail", null);
        DelaySteps(text, clauses, steps);
        Detect(text, clauses, steps, Approval(), "flow.approval", (s, m) => s.Phrase = ClauseText(text, clauses, m.Index));
        SwitchSteps(text, clauses, steps);
        SubworkflowSteps(text, clauses, steps, triggerWorkflowId);
        ConditionReader.Read(text, clauses, steps);
        Deliverables(text, clauses, steps);
        Prerequisites(text, steps);

        steps.Sort((a, b) => a.Position.CompareTo(b.Position));
        var merged = MergeSameClause(text, steps);
        ForEachReader.Apply(text, clauses, merged);
        Otherwise(text, merged);
        ParallelGroups(text, merged);
        notes.Covered.AddRange(merged.Select(s => (int)s.Position));
        return merged;
    }

    private static List<PlannedStep> MergeSameClause(PromptText text, List<PlannedStep> steps)
    {
        var result = new List<PlannedStep>();
        foreach (var step in steps)
        {
            var twin = result.LastOrDefault(r => r.Tool == step.Tool && r.Clause == step.Clause && Mergeable.Contains(step.Tool));
            if (twin is null && step.Tool == "http.request" && step.Url is not null)
            {
                // "make an API call to https://…": the URL belongs to the call named just before it.
                var call = result.LastOrDefault(r => r.Tool == step.Tool && r.Url is null && r.Clause == step.Clause && !r.Deliverable);
                if (call is not null)
                {
                    call.Url = step.Url;
                    call.Method = step.Method;
                    call.Phrase += " … " + step.Phrase;
                    continue;
                }
            }

            if (twin is null && step.Tool == "http.request" && step.Url is null && !step.Deliverable)
            {
                twin = result.LastOrDefault(r => r.Tool == step.Tool && r.Clause == step.Clause && !r.Deliverable);
            }

            // Two e-mails in one clause are two e-mails ("send them a confirmation and notify sales@…"),
            // unless the second mention is part of the first ("send an e-mail … e-mail to").
            if (twin is null && step.Tool == "email.send")
            {
                twin = result.LastOrDefault(r => r.Tool == step.Tool && r.Clause == step.Clause && Adjacent(text, r, step));
            }

            if (twin is null)
            {
                result.Add(step);
                continue;
            }

            // The richer mention wins its details: SQL over a bare table, a task over "with AI".
            twin.Sql ??= step.Sql;
            twin.Table ??= step.Table;
            twin.Writes |= step.Writes;
            twin.Url ??= step.Url;
            twin.Language ??= step.Language;
            twin.WorkflowId ??= step.WorkflowId;
            twin.SwitchOn ??= step.SwitchOn;
            if (twin.LlmTask == "answer")
            {
                twin.LlmTask = step.LlmTask;
            }

            twin.Recipients.AddRange(step.Recipients.Where(r => !twin.Recipients.Contains(r)));
            twin.Labels.AddRange(step.Labels.Where(l => !twin.Labels.Contains(l)));
            twin.Cases.AddRange(step.Cases.Where(c => !twin.Cases.Contains(c)));
            twin.Fields.AddRange(step.Fields);
            twin.Phrase += " … " + step.Phrase;
        }

        return result;
    }

    /// <summary>
    /// Order the sentence does not say: "… after legal approves" (the approval comes first) and
    /// "write a haiku about the weather from https://…" (the fetch feeds the model, so it comes first).
    /// </summary>
    private static void Prerequisites(PromptText text, List<PlannedStep> steps)
    {
        foreach (var approval in steps.Where(s => s.Tool == "flow.approval").ToList())
        {
            var before = text.Scan[Math.Max(0, (int)approval.Position - 40)..(int)Math.Max(0, approval.Position)];
            if (AfterSomeone().IsMatch(before))
            {
                var first = steps.Where(s => s.Clause == approval.Clause && s != approval).Select(s => s.Position).DefaultIfEmpty(approval.Position).Min();
                approval.Position = Math.Min(approval.Position, first - 0.2);
            }
        }

        foreach (var made in steps.Where(s => s.Tool is "data.template" or "code.javascript" or "llm.chat" && s.Position >= 1 && s.Position < text.Scan.Length).ToList())
        {
            // "a weekly report … built from a template": what something is made with is made first.
            var before = text.Scan[Math.Max(0, (int)made.Position - 30)..(int)made.Position];
            var previous = steps.Where(s => s.Clause == made.Clause && s.Position < made.Position && s.Tool != made.Tool).OrderBy(s => s.Position).LastOrDefault();
            if (previous is not null && MadeWith().IsMatch(before))
            {
                made.Position = previous.Position - 0.5;
            }
        }

        foreach (var llm in steps.Where(s => s.Tool == "llm.chat").ToList())
        {
            var fetch = steps.FirstOrDefault(s => s.Tool == "http.request" && s.Method == "GET" && s.Url is not null && s.Clause == llm.Clause && s.Position > llm.Position);
            if (fetch is not null && llm.Position >= 0 && fetch.Position <= text.Scan.Length
                && (Regex.IsMatch(text.Scan[(int)llm.Position..(int)fetch.Position], @"\b(?:from|about|of|on|based on|using|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$")
                    || Regex.IsMatch(text.Scan[(int)llm.Position..(int)fetch.Position], @"^[\w-]+\s+(?:the\s+)?(?:(?:content|contents|text|page|article|body|feed|post)s?\s+(?:of|at|from)\s+)?$")))
            {
                fetch.Position = llm.Position - 0.2;
            }
        }
    }

    private static bool Adjacent(PromptText text, PlannedStep first, PlannedStep next)
    {
        var end = (int)first.Position + first.Phrase.Length;
        var start = (int)next.Position;
        return start >= end && start <= text.Scan.Length && text.Scan[end..start].Trim().Length == 0 || start < end;
    }

    private static void Detect(PromptText text, Clauses clauses, List<PlannedStep> steps, Regex regex, string tool, Action<PlannedStep, Match>? details)
    {
        foreach (Match m in regex.Matches(text.Scan))
        {
            var step = new PlannedStep(tool, m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length));
            details?.Invoke(step, m);
            steps.Add(step);
        }
    }

    private static string ClauseText(PromptText text, Clauses clauses, int position)
    {
        var (start, end) = clauses.Of(position);
        var clause = text.Slice(start, end).Trim();
        return clause.Length == 0 ? text.Slice(position, Math.Min(text.Text.Length, position + 40)) : clause;
    }

    private static List<(int, int)> SqlSteps(PromptText text, List<PlannedStep> steps)
    {
        var spans = new List<(int, int)>();
        foreach (Match m in Sql().Matches(text.Scan))
        {
            var sql = text.Slice(m.Index, m.Index + m.Length).Trim().TrimEnd('.', ',');
            var step = new PlannedStep("db.query", m.Index, 0, sql) { Sql = sql, Writes = !sql.StartsWith("select", StringComparison.OrdinalIgnoreCase) };
            steps.Add(step);
            spans.Add((m.Index, m.Length));
        }

        return spans;
    }

    private static void UrlSteps(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (var url in text.Urls)
        {
            var clause = clauses.Of(url.Index);
            var before = text.Scan[clause.Start..url.Index];
            var after = text.Scan[(url.Index + url.Length)..Math.Min(text.Scan.Length, url.Index + url.Length + 30)];
            var upperBefore = text.Text[clause.Start..url.Index];
            var method = UpperMethod().Matches(upperBefore).LastOrDefault()?.Value
                ?? (WithMethod().Match(after) is { Success: true } w ? w.Groups[1].Value.ToUpperInvariant() : null)
                ?? MethodOf(Verb().Matches(before).LastOrDefault()?.Value);
            steps.Add(new PlannedStep("http.request", url.Index, clauses.IndexOf(url.Index), url.Value) { Url = url.Value, Method = method });
        }
    }

    private static string MethodOf(string? verb) => verb switch
    {
        null => "GET",
        _ when verb.StartsWith("post", StringComparison.Ordinal) || verb.StartsWith("send", StringComparison.Ordinal) || verb.StartsWith("push", StringComparison.Ordinal)
            || verb.StartsWith("upload", StringComparison.Ordinal) || verb.StartsWith("submit", StringComparison.Ordinal) || verb.StartsWith("notify", StringComparison.Ordinal)
            || verb.StartsWith("forward", StringComparison.Ordinal) || verb.StartsWith("publish", StringComparison.Ordinal) || verb.StartsWith("create", StringComparison.Ordinal) => "POST",
        _ when verb.StartsWith("put", StringComparison.Ordinal) || verb.StartsWith("replace", StringComparison.Ordinal) => "PUT",
        _ when verb.StartsWith("patch", StringComparison.Ordinal) || verb.StartsWith("update", StringComparison.Ordinal) => "PATCH",
        _ when verb.StartsWith("delete", StringComparison.Ordinal) || verb.StartsWith("remove", StringComparison.Ordinal) => "DELETE",
        _ => "GET",
    };

    /// <summary>
    /// "I want to get a Slack message … with the top stories" / "receive an email with …": what the
    /// user receives is delivered last, whatever the sentence names first.
    /// </summary>
    private static void Deliverables(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (var step in steps.Where(s => s.Tool is "email.send" or "http.request" && s.Url is null && s.Position >= 0 && s.Position < text.Scan.Length).ToList())
        {
            // "a daily email … with the forecast from https://…": the e-mail carries what the clause fetches.
            var clause = clauses.Spans[step.Clause];
            var after = text.Scan[Math.Min(clause.End, (int)step.Position + step.Phrase.Length)..clause.End];
            if (WithWhat().IsMatch(after) && steps.Any(o => o != step && o.Clause == step.Clause && o.Position > step.Position))
            {
                step.Position += text.Scan.Length;
                step.Deliverable = true;
            }
        }

        foreach (var step in steps.Where(s => (s.Tool == "email.send" || (s.Tool == "http.request" && s.Url is null)) && s.Position >= 1 && s.Position < text.Scan.Length))
        {
            var before = text.Scan[Math.Max(0, (int)step.Position - 30)..(int)step.Position];
            if (Receive().IsMatch(before))
            {
                step.Position += text.Scan.Length;
                step.Deliverable = true;
            }
        }
    }

    private static void EmailSteps(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        Detect(text, clauses, steps, EmailVerb(), "email.send", null);
        Detect(text, clauses, steps, ReceiveEmail(), "email.send", null);
        var emailSteps = steps.Where(s => s.Tool == "email.send").ToList();
        foreach (var address in text.Emails)
        {
            var clause = clauses.IndexOf(address.Index);
            var owner = emailSteps.Where(s => s.Clause == clause && s.Position <= address.Index).LastOrDefault()
                ?? emailSteps.Where(s => s.Position <= address.Index).LastOrDefault()
                ?? emailSteps.FirstOrDefault();
            if (owner is null)
            {
                owner = new PlannedStep("email.send", address.Index, clause, address.Value);
                emailSteps.Add(owner);
                steps.Add(owner);
            }

            owner.Recipients.Add(address.Value);
        }

        foreach (var step in emailSteps)
        {
            var clause = clauses.Spans[step.Clause];
            foreach (var expression in text.Expressions.Where(e => e.Index > step.Position && e.Index < clause.End))
            {
                if (Regex.IsMatch(text.Scan[Math.Max(0, expression.Index - 4)..expression.Index], @"\bto\s*$"))
                {
                    step.Recipients.Add(expression.Value);
                }
            }
        }
    }

    private static void DbSteps(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (Match m in Db().Matches(text.Scan))
        {
            var clause = clauses.Of(m.Index);
            var before = text.Scan[clause.Start..m.Index];
            var step = new PlannedStep("db.query", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length))
            {
                Table = m.Groups["table"].Success && !NotTables.Contains(m.Groups["table"].Value) ? m.Groups["table"].Value : null,
                Writes = WriteVerb().IsMatch(before) || WriteVerb().IsMatch(m.Value),
            };

            // "Query the orders table": the verb before the table is the step's start.
            var verb = DbVerb().Matches(before).LastOrDefault();
            if (verb is not null)
            {
                step.Position = clause.Start + verb.Index;
            }

            steps.Add(step);
        }
    }

    private static readonly HashSet<string> NotTables = ["the", "a", "an", "our", "my", "this", "that", "sql", "in", "into", "from", "to", "on"];

    private static void LlmSteps(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (Match m in LlmTask().Matches(text.Scan))
        {
            var task = m.Value switch
            {
                var v when v.StartsWith("summ", StringComparison.Ordinal) || v.StartsWith("sum up", StringComparison.Ordinal) || v.Contains("summary", StringComparison.Ordinal) || v.Contains("digest", StringComparison.Ordinal) || v.Contains("recap", StringComparison.Ordinal) || v.Contains("overview", StringComparison.Ordinal) => "summarise",
                var v when v.StartsWith("transl", StringComparison.Ordinal) => "translate",
                var v when v.StartsWith("classif", StringComparison.Ordinal) || v.StartsWith("categori", StringComparison.Ordinal) || v.StartsWith("label", StringComparison.Ordinal) || v.StartsWith("tag", StringComparison.Ordinal) => "classify",
                var v when v.StartsWith("extract", StringComparison.Ordinal) || v.StartsWith("pull out", StringComparison.Ordinal) => "extract",
                var v when v.Contains("sentiment", StringComparison.Ordinal) => "sentiment",
                var v when v.StartsWith("analy", StringComparison.Ordinal) => "analyse",
                _ => "write",
            };
            var clause = clauses.Of(m.Index);
            var step = new PlannedStep("llm.chat", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length)) { LlmTask = task };
            // Lists run over commas ("as hot, warm or cold"): read to the end of the sentence, not the clause.
            var rest = text.Scan[m.Index..Math.Min(text.Scan.Length, m.Index + 160)];
            rest = Regex.Split(rest, @"[.;!?](?:\s|$)|\bthen\b|->")[0];
            if (task == "translate" && Language().Match(rest) is { Success: true } language)
            {
                step.Language = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(language.Groups[1].Value);
            }

            if (task == "classify" && Labels().Match(rest) is { Success: true } labels)
            {
                step.Labels.AddRange(SplitList(labels.Groups[1].Value));
            }

            // "a summary" after a verb of another step ("email the team a summary") is made first.
            if (m.Value.StartsWith("a ", StringComparison.Ordinal) || m.Value.StartsWith("an ", StringComparison.Ordinal))
            {
                var previous = steps.Where(s => s.Clause == step.Clause && s.Position < m.Index && s.Tool != "llm.chat").OrderBy(s => s.Position).LastOrDefault();
                if (previous is not null && m.Index - previous.Position < 40 && (previous.Tool == "email.send" || previous.Method != "GET"))
                {
                    step.Position = previous.Position - 0.5;
                }
            }

            steps.Add(step);
        }

        foreach (Match m in LlmName().Matches(text.Scan))
        {
            var clause = clauses.IndexOf(m.Index);
            var step = new PlannedStep("llm.chat", m.Index, clause, text.Slice(m.Index, m.Index + m.Length));
            var passive = Passive().Match(text.Scan[clauses.Spans[clause].Start..m.Index]);
            if (passive.Success)
            {
                var previous = steps.Where(s => s.Clause == clause && s.Position < m.Index && s.Tool != "llm.chat").OrderBy(s => s.Position).LastOrDefault();
                step.Position = previous is null ? m.Index : previous.Position - 0.5;
            }

            if (steps.Any(s => s.Tool == "llm.chat" && (s.Clause == clause || (s.Position < m.Index && m.Index - s.Position < 80 && !SentenceBreak().IsMatch(text.Scan[(int)s.Position..m.Index])))))
            {
                // "with AI" names the model of a task already found in the clause.
                continue;
            }

            steps.Add(step);
        }
    }

    private static void SetSteps(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (Match m in SetFields().Matches(text.Scan))
        {
            var step = new PlannedStep("data.set", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length));
            var clause = clauses.Of(m.Index);
            var rest = text.Scan[(m.Index + m.Length)..clause.End];
            foreach (Match pair in Assignment().Matches(text.Scan[m.Index..clause.End]))
            {
                step.Fields.Add((Identifier(pair.Groups[1].Value), pair.Groups[2].Value));
            }

            if (step.Fields.Count == 0)
            {
                var list = FieldList().Match(rest);
                if (list.Success)
                {
                    step.Fields.AddRange(SplitList(list.Groups[1].Value).Select(f => (Identifier(f), (string?)null)));
                }
            }

            steps.Add(step);
        }
    }

    private static void DelaySteps(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (Match m in Delay().Matches(text.Scan))
        {
            var n = m.Groups["n"].Value switch { "a" or "an" or "one" => 1, "two" => 2, "three" => 3, "five" => 5, "ten" => 10, "fifteen" => 15, "thirty" => 30, var v => int.Parse(v, CultureInfo.InvariantCulture) };
            var unit = m.Groups["unit"].Value;
            long ms = unit switch
            {
                _ when unit.StartsWith('s') => 1000L,
                _ when unit.StartsWith("mi", StringComparison.Ordinal) || unit == "m" => 60_000L,
                _ when unit.StartsWith('h') => 3_600_000L,
                _ when unit.StartsWith('d') => 86_400_000L,
                _ => 7 * 86_400_000L,
            };
            steps.Add(new PlannedStep("flow.delay", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length)) { DelayMs = n * ms });
        }
    }

    private static void SwitchSteps(PromptText text, Clauses clauses, List<PlannedStep> steps)
    {
        foreach (Match m in Switch().Matches(text.Scan))
        {
            var step = new PlannedStep("flow.switch", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length));
            var clause = clauses.Of(m.Index);
            var around = text.Scan[clause.Start..clause.End];
            var cases = Parenthesised().Match(around);
            if (cases.Success)
            {
                step.Cases.AddRange(SplitList(cases.Groups[1].Value).Select(Identifier).Where(c => c != "default"));
            }

            var on = SwitchOn().Match(around);
            if (on.Success)
            {
                step.SwitchOn = Identifier(on.Groups[1].Value);
            }

            steps.Add(step);
        }
    }

    private static void SubworkflowSteps(PromptText text, Clauses clauses, List<PlannedStep> steps, string? triggerWorkflowId)
    {
        foreach (Match m in Subworkflow().Matches(text.Scan))
        {
            var clause = clauses.Of(m.Index);
            var uuid = PromptText.Uuid().Match(text.Text[clause.Start..clause.End]);
            steps.Add(new PlannedStep("flow.subworkflow", m.Index, clauses.IndexOf(m.Index), text.Slice(m.Index, m.Index + m.Length))
            {
                WorkflowId = uuid.Success ? uuid.Value : m.Value.Contains("it ", StringComparison.Ordinal) || m.Value.Contains("retry", StringComparison.Ordinal) ? triggerWorkflowId : null,
            });
        }
    }

    private static void Otherwise(PromptText text, List<PlannedStep> steps)
    {
        foreach (Match m in OtherwiseWord().Matches(text.Scan))
        {
            var condition = steps.LastOrDefault(s => s.Tool == "flow.condition" && s.Position < m.Index);
            var next = steps.FirstOrDefault(s => s.Position > m.Index);
            if (condition is not null && next is not null && next.Tool != "flow.condition")
            {
                next.OnFalseBranch = true;
            }
        }
    }

    /// <summary>Consecutive GETs joined only by "and" (or "in parallel") are independent: they run side by side.</summary>
    private static void ParallelGroups(PromptText text, List<PlannedStep> steps)
    {
        for (var i = 1; i < steps.Count; i++)
        {
            var (a, b) = (steps[i - 1], steps[i]);
            if (a.Tool != "http.request" || b.Tool != "http.request" || a.Method != "GET" || b.Method != "GET" || a.Url is null || b.Url is null)
            {
                continue;
            }

            var between = text.Scan[((int)a.Position + a.Url.Length)..(int)b.Position];
            if (Regex.IsMatch(between, @"^[\s,]*(?:and|&|plus)?[\s,]*(?:also\s+)?(?:get|fetch)?\s*$"))
            {
                a.ParallelGroup ??= i;
                b.ParallelGroup = a.ParallelGroup;
            }
        }
    }

    internal static IEnumerable<string> SplitList(string list) =>
        Regex.Split(list, @"\s*(?:,|\bor\b|\band\b|/)\s*").Select(s => s.Trim().Trim('\'', '"')).Where(s => s.Length > 0 && s.Length < 40);

    internal static string Identifier(string words)
    {
        var parts = Regex.Matches(words.ToLowerInvariant(), "[a-z0-9]+").Select(m => m.Value).ToList();
        if (parts.Count == 0)
        {
            return "value";
        }

        var id = parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return char.IsDigit(id[0]) ? "_" + id : id;
    }

    [GeneratedRegex(@"\b(?:select\s+(?:(?!\s{3})[^.;])+?\s+from\s+(?:(?!\s{3})[^.;])+?|insert\s+into\s+\w+\s*(?:\(|values\b|select\b)(?:(?!\s{3})[^.;])+?|update\s+\w+\s+set\s+(?:(?!\s{3})[^.;])+?|delete\s+from\s+(?:(?!\s{3})[^.;])+?)(?=\s{3}|\s*->|\s*→|\s+(?:and|then|on the|in the|for each|every|if|when|from the database)\b|[,;]\s|\.\s|\.?$)")]
    private static partial Regex Sql();

    [GeneratedRegex(@"\b(GET|POST|PUT|PATCH|DELETE)\b")]
    private static partial Regex UpperMethod();

    [GeneratedRegex(@"^\s*(?:with|using|via|as)\s+(?:a|an)?\s*(post|put|patch|delete|get)\b")]
    private static partial Regex WithMethod();

    [GeneratedRegex(@"\b(?:post\w*|send\w*|push\w*|upload\w*|submit\w*|notify\w*|forward\w*|publish\w*|create\w*|put\w*|replace\w*|patch\w*|update\w*|delete\w*|remove\w*|get\w*|fetch\w*|download\w*|pull\w*|call\w*|ping\w*|check\w*|read\w*|load\w*|grab\w*|hit\w*|request\w*|poll\w*|monitor\w*|scrape\w*)\b")]
    private static partial Regex Verb();

    [GeneratedRegex(@"\b(?:(?:post|send|push|notify|message|ping|alert)\w*\s+(?:it|this|that|them|the \w+|a message|an? alert)?\s*(?:to|on|in|via)\s+(?:the\s+|our\s+|a\s+)?(?:#?[\w-]+\s+)?(?:slack|teams|discord|mattermost|chat|a channel|the channel)|(?:an?\s+)?(?:http|rest|api)\s+(?:request|call)|call (?:the|an|their|our) api)\b")]
    private static partial Regex ChatTarget();

    [GeneratedRegex(@"\b(?:(?:e-?mail|mail)(?=\s+(?:it|them|this|that|me|him|her|us|the|a|an|to|out|#|\{|[a-z0-9._%+-]+@))|(?:e-?mail|mail)(?:ing)?\s+(?:a |an |the )?(?:summary|report|digest|list|results?|alert|notification)|send(?:s|ing)?\s+(?:out\s+)?(?:(?:it|them|me|us|him|her|you|everyone|each one|each|the team|the customer|the user)\s+)?(?:an?\s+|the\s+)?(?:(?!slack|teams|discord|chat|sms|text|push)[\w-]+\s+)?(?:e-?mail|mail|alert|reminder|notification|report|digest|newsletter|(?:welcome|thank-you|thank you|confirmation|follow-up|follow up|reset)\s+(?:message|note))s?\b|(?:by|via)\s+e-?mail|notify\s+(?=#))")]
    private static partial Regex EmailVerb();

    [GeneratedRegex(@"\b(?:(?:the\s+)?(?<table>[a-z_][a-z0-9_]*)\s+(?:table|database|db)\b|(?:database|db|sql|postgres|postgresql|sqlite)\b)")]
    private static partial Regex Db();

    [GeneratedRegex(@"\b(?:query|queries|querying|select|read|get|fetch|pull|load|find|look up|store|save|insert|write|record|log|persist|put|add|delete|clean|purge|update|upsert|summari[sz]e)\w*\b")]
    private static partial Regex DbVerb();

    [GeneratedRegex(@"\b(?:store|save|insert|write|record|log|persist|put|add|upsert|keep)\w*\b")]
    private static partial Regex WriteVerb();

    [GeneratedRegex(@"\b(?:summari[sz]\w*|sumari[sz]\w*|sum up|summing up|tl;?dr|translat\w*|classif\w*|categori[sz]\w*|extract\w*|pull out|(?:detect|determine|classify|score|check|get|find|rate)\w*\s+(?:the\s+)?sentiment|sentiment analysis|analy[sz]\w*|(?:generate|write|draft|compose|create|produce)\w*\s+(?:a |an |the )?(?:short |brief |personal |nice )?(?:[\w-]+\s+)?(?:description|note|reply|replies|response|poem|story|summary|answer|tweet|headline|title|caption|blurb|copy)s?|(?:an?\s+)(?:short\s+|brief\s+)?(?:summary|recap|overview))\b")]
    private static partial Regex LlmTask();

    [GeneratedRegex(@"\b(?:llm|llms|gpt[\w.-]*|chatgpt|openai|ollama|ai|a\.i\.|language model|chat model|claude|gemini|mistral|llama\w*)\b")]
    private static partial Regex LlmName();

    [GeneratedRegex(@"\b(?:written|generated|created|produced|made|composed|drafted)\s+(?:by|with|using)\s+(?:the\s+|an\s+|a\s+)?$")]
    private static partial Regex Passive();

    [GeneratedRegex(@"\b(?:into|in|to)\s+(english|french|german|spanish|italian|portuguese|dutch|japanese|chinese|korean|russian|arabic|hindi|polish|swedish|turkish)\b")]
    private static partial Regex Language();

    [GeneratedRegex(@"\b(?:into|as|between)\s+((?:[\w-]+\s*,\s*)*[\w-]+,?\s+(?:or|and)\s+[\w-]+)")]
    private static partial Regex Labels();

    [GeneratedRegex(@"\b(?:javascript|java script|js|code|script|snippet|a function|compute|calculate|calc|parse|count the|reverse)\b")]
    private static partial Regex Code();

    [GeneratedRegex(@"\b(?:templates?|render\w*|fill in|(?:format|compose|build|create|make|prepare)\w*\s+(?:a |an |the )?(?:[\w-]+\s+)?(?:message|text|receipt|letter|reply|note|body|greeting))\b")]
    private static partial Regex Template();

    [GeneratedRegex(@"\b(?:set\s+(?:the\s+|a\s+|an\s+)?(?:fields?|values?|properties|variables?|status|flag)|set\s+\w+\s+to|keep only|only keep|pick(?:\s+out)?|map\s+(?:the\s+)?fields|rename|select\s+(?:the\s+)?fields|reshape|extract fields)\b")]
    private static partial Regex SetFields();

    [GeneratedRegex(@"\b([a-z_]\w*)\s+to\s+('[^']*'|""[^""]*""|[\w@.-]+)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^\s*(?:the\s+)?((?:[a-z_]\w*\s*(?:,|\band\b)\s*)*[a-z_]\w*)")]
    private static partial Regex FieldList();

    [GeneratedRegex(@"\b(?:merge|merging|combine|combining|join (?:the )?(?:results|outputs|branches|them)|consolidate)\b")]
    private static partial Regex Merge();

    [GeneratedRegex(@"\b(?:fail(?:s)?(?=\s*(?:$|[,.;]|with|the workflow|the run|the execution|it\b))|fail(?! ?ed)\b|raise (?:an |a )?(?:error|exception)|throw (?:an |a )?(?:error|exception)|abort|stop with (?:an |a )?error|error out|(?:reply|respond|answer) with (?:an |a )?error)")]
    private static partial Regex Fail();

    [GeneratedRegex(@"\b(?:wait|pause|delay|sleep|hold)(?:s|ing)?\s+(?:for\s+)?(?:about\s+|another\s+)?(?<n>\d+|a|an|one|two|three|five|ten|fifteen|thirty)\s*(?<unit>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?)\b|\b(?<n>\d+|one|two|three|five|ten|fifteen|thirty)[\s-]*(?<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+(?:delay|wait|pause|break)\b")]
    private static partial Regex Delay();

    [GeneratedRegex(@"(?<!\b(?:once|when|if|after|is|are|been|was|be|automatically|auto)\s)\b(?:approv\w*|sign[- ]?off|human review|manual review|(?:review|confirm)\w*\s+by\s+(?:a\s+)?(?:human|manager|person|someone|admin))")]
    private static partial Regex Approval();

    [GeneratedRegex(@"\b(?:switch|route[sd]?|routing|depending on|branch (?:on|by)|dispatch)\b")]
    private static partial Regex Switch();

    [GeneratedRegex(@"\(([^)]*)\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\b(?:by|on)\s+(?:the\s+|its\s+|their\s+)?([a-z_]+(?:\s+(?:type|category|kind|status|priority|level|name))?)")]
    private static partial Regex SwitchOn();

    [GeneratedRegex(@"\b(?:sub-?\s?workflow|child workflow|(?:run|call|start|trigger|invoke|execute|retry|kick\s+off|launch|fire)\w*\s+(?:it\s+)?(?:as\s+a\s+sub-?\s?workflow|(?:the\s+)?(?:[\w-]+\s+)?workflow))\b")]
    private static partial Regex Subworkflow();

    [GeneratedRegex(@"\b(?:fetch|download|scrape|get|call|ping|hit|load|open|crawl|poll)\w*\s+(?:it|them|each one|(?:each|every|the|that|this|those)\s+(?:urls?|links?|pages?|websites?|sites?|feeds?|apis?|endpoints?|addresses))\b")]
    private static partial Regex FetchPronoun();

    [GeneratedRegex(@"[.;]\s|\bthen\b|->")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b(?:(?:a|an|the)\s+)?(?:slack|teams|discord|mattermost|telegram|chat)\s+(?:message|notification|post|alert|ping)s?\b")]
    private static partial Regex ChatMessage();

    [GeneratedRegex(@"\b(?:get|receive|be sent|want)\s+(?:(?:a|an|the|one)\s+)?(?:daily\s+|weekly\s+|short\s+)?$")]
    private static partial Regex Receive();

    [GeneratedRegex(@"\b(?:get|receive|be sent)\s+(?:(?:a|an|the|one)\s+)?(?:daily\s+|weekly\s+|short\s+)?(?:e-?mail|mail)s?\b")]
    private static partial Regex ReceiveEmail();

    [GeneratedRegex(@"^\W*(?:(?:at|on|every|each|daily|weekly|[\d:apm]+)\W+)*(?:with|containing|listing|of)\b")]
    private static partial Regex WithWhat();

    [GeneratedRegex(@"\b(?:built|made|created|generated|rendered|written|composed|formatted|computed|produced|filled)\s+(?:in\s+)?(?:from|with|using|by|via)\s+(?:(?:a|an|the)\s+)?$")]
    private static partial Regex MadeWith();

    [GeneratedRegex(@"\b(?:after|once|when)\s+(?:(?:the|a|an|our|my)\s+)?(?:[\w-]+\s+){0,2}$")]
    private static partial Regex AfterSomeone();

    [GeneratedRegex(@"\b(?:otherwise|else|if not)\b")]
    private static partial Regex OtherwiseWord();
}

/// <summary>What the step reader leaves for the report: the clauses and where steps were found.</summary>
internal sealed class StepReaderNotes
{
    public Clauses? Clauses { get; set; }

    public List<int> Covered { get; } = [];
}
