using System.Globalization;
using System.Text.Json.Nodes;
using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import.Mapping;

/// <summary>Cron expressions for the Schedule Trigger's rules and the old Cron node's trigger times.</summary>
internal static class ScheduleCron
{
    public static string? FromRule(JsonNode? rule, List<string> warnings)
    {
        var intervals = (rule.Get("interval") as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (intervals.Count == 0)
        {
            return "0 0 * * *";
        }

        if (intervals.Count > 1)
        {
            warnings.Add($"the schedule has {intervals.Count} rules; only the first is kept");
        }

        var r = intervals[0];
        int Get(string name, int fallback) => (int)(N8nDocumentReader.Number(r[name]) ?? fallback);
        string S(int v) => v.ToString(CultureInfo.InvariantCulture);
        var minute = S(Get("triggerAtMinute", 0));
        var hour = S(Get("triggerAtHour", 0));
        return (N8nDocumentReader.Text(r["field"]) ?? "days") switch
        {
            "cronExpression" => N8nDocumentReader.Text(r["expression"]) is { } e && !e.StartsWith('=') ? e.Trim() : null,
            "seconds" => $"*/{S(Get("secondsInterval", 30))} * * * * *",
            "minutes" => $"*/{S(Get("minutesInterval", 5))} * * * *",
            "hours" => $"{minute} {Every(Get("hoursInterval", 1))} * * *",
            "days" => $"{minute} {hour} {Every(Get("daysInterval", 1))} * *",
            "weeks" => $"{minute} {hour} * * {Days(r["triggerAtDay"])}",
            "months" => $"{minute} {hour} {S(Get("triggerAtDayOfMonth", 1))} */{S(Get("monthsInterval", 1))} *",
            _ => null,
        };
    }

    public static string? FromCronNode(JsonNode? times, List<string> warnings)
    {
        var items = (times.Get("item") as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (items.Count == 0)
        {
            return null;
        }

        if (items.Count > 1)
        {
            warnings.Add($"the Cron node has {items.Count} trigger times; only the first is kept");
        }

        var t = items[0];
        string Get(string name, int fallback) => ((int)(N8nDocumentReader.Number(t[name]) ?? fallback)).ToString(CultureInfo.InvariantCulture);
        return (N8nDocumentReader.Text(t["mode"]) ?? "everyDay") switch
        {
            "everyMinute" => "* * * * *",
            "everyHour" => $"{Get("minute", 0)} * * * *",
            "everyDay" => $"{Get("minute", 0)} {Get("hour", 14)} * * *",
            "everyWeek" => $"{Get("minute", 0)} {Get("hour", 14)} * * {Get("weekday", 1)}",
            "everyMonth" => $"{Get("minute", 0)} {Get("hour", 14)} {Get("dayOfMonth", 1)} * *",
            "everyX" => N8nDocumentReader.Text(t["unit"]) == "hours" ? $"0 */{Get("value", 2)} * * *" : $"*/{Get("value", 2)} * * * *",
            "custom" => N8nDocumentReader.Text(t["cronExpression"])?.Trim(),
            _ => null,
        };
    }

    private static string Every(int n) => n <= 1 ? "*" : "*/" + n.ToString(CultureInfo.InvariantCulture);

    private static string Days(JsonNode? days) => days is JsonArray a && a.Count > 0
        ? string.Join(',', a.Select(d => N8nDocumentReader.Number(d) ?? 0).Select(d => ((int)d).ToString(CultureInfo.InvariantCulture)))
        : "0";
}
