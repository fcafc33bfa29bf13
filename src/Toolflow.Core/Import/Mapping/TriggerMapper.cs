using System.Globalization;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import.Mapping;

/// <summary>n8n trigger nodes → the definition's <c>trigger</c> (the trigger node itself becomes no node).</summary>
internal static class TriggerMapper
{
    public static TriggerDefinition Map(N8nNode node, List<string> warnings) => node.Type switch
    {
        "n8n-nodes-base.scheduleTrigger" => Schedule(ScheduleCron.FromRule(node.Parameters["rule"], warnings), node, warnings),
        "n8n-nodes-base.cron" => Schedule(ScheduleCron.FromCronNode(node.Parameters["triggerTimes"], warnings), node, warnings),
        "n8n-nodes-base.interval" => Schedule(Interval(node.Parameters), node, warnings),
        "n8n-nodes-base.webhook" => Webhook(node, warnings, "the request body becomes the input; the path and method are not kept (Toolflow assigns the hook id)"),
        "n8n-nodes-base.formTrigger" => Webhook(node, warnings, "n8n served a form; Toolflow does not: POST the form fields as JSON to the hook"),
        "@n8n/n8n-nodes-langchain.chatTrigger" => Webhook(node, warnings, "n8n served a chat; POST { \"chatInput\": … } to the hook instead"),
        "n8n-nodes-base.executeWorkflowTrigger" => Manual(warnings, "called by another workflow in n8n: run it with flow.subworkflow; the caller's input is the input"),
        _ => new TriggerDefinition { Type = TriggerType.Manual },
    };

    private static TriggerDefinition Schedule(string? cron, N8nNode node, List<string> warnings)
    {
        if (cron is null)
        {
            warnings.Add($"the schedule of '{node.Name}' could not be read; the workflow is imported with a manual trigger");
            return new TriggerDefinition { Type = TriggerType.Manual };
        }

        return new TriggerDefinition { Type = TriggerType.Schedule, Cron = cron };
    }

    private static TriggerDefinition Webhook(N8nNode node, List<string> warnings, string note)
    {
        warnings.Add($"trigger '{node.Name}': {note}");
        var mode = N8nDocumentReader.Text(node.Parameters["responseMode"]);
        if (mode == "lastNode")
        {
            warnings.Add("n8n answered the webhook with the last node's data; Toolflow answers 202 with the execution");
        }

        return new TriggerDefinition { Type = TriggerType.Webhook };
    }

    private static TriggerDefinition Manual(List<string> warnings, string note)
    {
        warnings.Add(note);
        return new TriggerDefinition { Type = TriggerType.Manual };
    }

    private static string? Interval(JsonObject p)
    {
        var every = (int)(N8nDocumentReader.Number(p["interval"]) ?? 1);
        var n = every.ToString(CultureInfo.InvariantCulture);
        return (N8nDocumentReader.Text(p["unit"]) ?? "seconds") switch
        {
            "seconds" => every < 60 ? $"*/{n} * * * * *" : null,
            "minutes" => every < 60 ? $"*/{n} * * * *" : null,
            "hours" => every < 24 ? $"0 */{n} * * *" : null,
            _ => null,
        };
    }
}
