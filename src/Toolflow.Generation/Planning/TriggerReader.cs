using System.Text.RegularExpressions;
using Toolflow.Core.Definitions;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Planning;

/// <summary>
/// Reads what starts the workflow: another workflow's end, a webhook, a schedule (with its time
/// zone), or a person. The phrase it used is consumed so that "when a webhook is received" is not
/// read again as a condition. Absent any, the trigger is manual.
/// </summary>
internal static partial class TriggerReader
{
    public static TriggerDefinition? Read(PromptText text, GenerationContext context, GenerationReportBuilder report)
    {
        if (ReadWorkflow(text, context, report) is { } workflow)
        {
            return workflow;
        }

        if (ReadWebhook(text) is { } webhook)
        {
            return webhook;
        }

        if (ScheduleReader.Read(text) is { } schedule)
        {
            return schedule;
        }

        var manual = Manual().Match(text.Scan);
        if (manual.Success)
        {
            text.Consume(manual.Index, manual.Length);
            return new TriggerDefinition { Type = TriggerType.Manual };
        }

        return null;
    }

    private static TriggerDefinition? ReadWorkflow(PromptText text, GenerationContext context, GenerationReportBuilder report)
    {
        var m = WorkflowEnd().Match(text.Scan);
        if (!m.Success)
        {
            return null;
        }

        text.Consume(m.Index, m.Length);
        var on = m.Groups["end"].Value is var end && (end.StartsWith("fail", StringComparison.Ordinal) || end.StartsWith("error", StringComparison.Ordinal)) ? "failed" : null;
        var phrase = text.Slice(m.Index, m.Index + m.Length);
        var id = PromptText.Uuid().Match(phrase) is { Success: true } uuid ? uuid.Value : null;
        if (id is null)
        {
            var name = m.Groups["name"].Value.Trim();
            var known = context.Workflows.FirstOrDefault(w =>
                name.Length > 0 && (w.Name.Contains(name, StringComparison.OrdinalIgnoreCase) || name.Contains(w.Name, StringComparison.OrdinalIgnoreCase)));
            id = known?.Id.ToString();
            if (id is null)
            {
                id = Guid.Empty.ToString();
                report.Todo($"set trigger.workflowId: the upstream workflow{(name.Length > 0 ? $" '{name}'" : string.Empty)} was not found among your workflows");
            }
        }

        return new TriggerDefinition { Type = TriggerType.Workflow, WorkflowId = id, On = on };
    }

    private static TriggerDefinition? ReadWebhook(PromptText text)
    {
        // Every phrase that says "webhook" is consumed, so none is read again as a step.
        var found = false;
        foreach (var regex in new[] { PostedTo(), WebhookPhrase(), Incoming() })
        {
            foreach (var m in regex.Matches(text.Scan).Where(m => m.Length > 0).ToList())
            {
                text.Consume(m.Index, m.Length);
                found = true;
            }
        }

        return found ? new TriggerDefinition { Type = TriggerType.Webhook } : null;
    }

    [GeneratedRegex(@"\b(?:(?:after|when|whenever|once|if)\s+)?(?:the\s+|a\s+|an\s+)?(?<name>[\w-]+\s+)?(?:work\s?flow|pipeline|job)\s*(?:#+\s*)?(?:'[^']*'\s*|""[^""]*""\s*)?(?:run\s+)?(?:has\s+|is\s+|was\s+)?(?<end>completes|completed|complete|finishes|finished|finish|is done|done|succeeds|succeeded|ends|ended|fails|failed|fail|errors|errored)\b")]
    private static partial Regex WorkflowEnd();

    [GeneratedRegex(@"\b(?:(?:when|whenever|once|on|upon|after)\s+)?(?:(?:a|an|the|new|our|my|incoming)\s+)*(?:[\w-]+\s+)?(?:web\s?hook|hook)s?(?:\s+(?:event|call|request)s?)?(?:\s+(?:is\s+|was\s+|gets\s+)?(?:received|recieved|arrives|comes in|come in|fires|is called|called|hits|is hit|triggers|triggered))?(?:\s+(?:in|with\s+\w+))?\b")]
    private static partial Regex WebhookPhrase();

    [GeneratedRegex(@"\b(?:when|whenever|once|if)\s+(?:(?:someone|somebody|anyone|a client|a user|an app|a service|a system|a form|a post|a request|an http request|a call)\s+)(?:posts|hits|calls|sends|submits|arrives|comes in|is received|is posted)(?:\s+(?:a\s+\w+\s+)?(?:to|at|on)\s+(?:(?:our|the|my|an?)\s+)?(?:[\w-]+\s+)?(?:endpoint|url|api|hook|form|route))?\b")]
    private static partial Regex PostedTo();

    [GeneratedRegex(@"\b(?:on|for|when|whenever)?\s*(?:an?\s+)?(?:new\s+)?incoming\s+(?:[\w-]+\s+)?(?:request|call|event|post|email|e-mail|message|order|ticket|submission|payload|lead|form)s?\b|\bon (?:an? )?(?:http )?request\b")]
    private static partial Regex Incoming();

    [GeneratedRegex(@"\b(?:when i (?:trigger|run|start|click)(?: it)?(?: manually)?|manually|on demand|by hand|on request of a user)\b")]
    private static partial Regex Manual();
}
