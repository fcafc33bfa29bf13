using System.Text.Json;
using Toolflow.Core.Validation.Formats;

namespace Toolflow.Core.Validation.Rules;

/// <summary>A trigger carries the fields of its type and no others; a schedule's cron and time zone are real.</summary>
public static class TriggerRules
{
    private static readonly Dictionary<string, string[]> FieldsByType = new(StringComparer.Ordinal)
    {
        ["manual"] = [],
        ["schedule"] = ["cron", "timezone"],
        ["webhook"] = ["hookId", "credential", "synchronous"],
        ["workflow"] = ["workflowId", "on"],
    };

    public static void Check(RawWorkflow workflow, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(problems);
        if (RawWorkflow.Property(workflow.Root, "trigger") is not { ValueKind: JsonValueKind.Object } trigger ||
            RawWorkflow.String(trigger, "type") is not { } type ||
            !FieldsByType.TryGetValue(type, out var allowed))
        {
            return;
        }

        foreach (var property in trigger.EnumerateObject())
        {
            if (property.Name != "type" && property.Value.ValueKind != JsonValueKind.Null && !allowed.Contains(property.Name))
            {
                problems.Add($"/trigger/{JsonPointers.Escape(property.Name)}", $"'{property.Name}' does not apply to a {type} trigger");
            }
        }

        if (type == "schedule")
        {
            if (RawWorkflow.String(trigger, "cron") is { } cron)
            {
                if (CronCheck.FindError(cron) is { } error)
                {
                    problems.Add("/trigger/cron", error);
                }
            }
            else if (!trigger.TryGetProperty("cron", out _))
            {
                problems.Add("/trigger", "a schedule trigger needs 'cron'");
            }

            if (RawWorkflow.String(trigger, "timezone") is { } zone && !FormatChecks.IsTimeZone(zone))
            {
                problems.Add("/trigger/timezone", $"unknown time zone '{zone}' (use an IANA name such as 'Europe/Paris' or 'UTC')");
            }
        }

        if (type == "workflow")
        {
            if (RawWorkflow.String(trigger, "workflowId") is { } id)
            {
                if (!FormatChecks.IsUuid(id))
                {
                    problems.Add("/trigger/workflowId", $"workflow id '{id}' is not a UUID");
                }
            }
            else if (!trigger.TryGetProperty("workflowId", out _))
            {
                problems.Add("/trigger", "a workflow trigger needs 'workflowId'");
            }
        }
    }
}
