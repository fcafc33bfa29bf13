using Toolflow.Core.Definitions;

namespace Toolflow.Core.Tests.Import;

public sealed class TriggerMappingTests
{
    [Theory]
    [InlineData("""{"rule": {"interval": [{"field": "hours", "hoursInterval": 2, "triggerAtMinute": 15}]}}""", "15 */2 * * *")]
    [InlineData("""{"rule": {"interval": [{"triggerAtHour": 7}]}}""", "0 7 * * *")]
    [InlineData("""{"rule": {"interval": [{"field": "minutes"}]}}""", "*/5 * * * *")]
    [InlineData("""{"rule": {"interval": [{"field": "weeks", "triggerAtDay": [1, 5], "triggerAtHour": 9}]}}""", "0 9 * * 1,5")]
    [InlineData("""{"rule": {"interval": [{"field": "cronExpression", "expression": "0 8 * * 1-5"}]}}""", "0 8 * * 1-5")]
    public void ScheduleTrigger_Rule_BecomesCron(string parameters, string cron)
    {
        var trigger = new N8nDoc().Node("Every", "scheduleTrigger", parameters, 1.2).Convert().Sound().Trigger!;
        Assert.Equal((TriggerType.Schedule, cron), (trigger.Type, trigger.Cron));
    }

    [Fact]
    public void ScheduleTrigger_KeepsTheWorkflowTimezone()
    {
        var trigger = new N8nDoc { Timezone = "Europe/Paris" }.Node("Every", "scheduleTrigger", "{}", 1.2).Convert().Sound().Trigger!;
        Assert.Equal("Europe/Paris", trigger.Timezone);
    }

    [Fact]
    public void CronNode_EveryWeek_BecomesCron()
    {
        var trigger = new N8nDoc().Node("Cron", "cron", """{"triggerTimes": {"item": [{"mode": "everyWeek", "hour": 10, "weekday": 3}]}}""")
            .Convert().Sound().Trigger!;
        Assert.Equal("0 10 * * 3", trigger.Cron);
    }

    [Fact]
    public void Webhook_BodyFieldsReadAsInput_AndHeadersAreReported()
    {
        var result = new N8nDoc().Node("Hook", "webhook", """{"path": "x", "httpMethod": "POST"}""", 2)
            .Node("Use", "set", """{"assignments": {"assignments": [{"name": "who", "type": "string", "value": "={{ $json.body.user.name }}"}]}}""", 3.4)
            .Node("Headers", "set", """{"assignments": {"assignments": [{"name": "h", "type": "string", "value": "={{ $('Hook').item.json.headers.host }}"}]}}""", 3.4)
            .Connect("Hook", "Use").Connect("Hook", "Headers").Convert(placeholders: true);
        var definition = result.Sound();
        Assert.Equal(TriggerType.Webhook, definition.Trigger!.Type);
        Assert.Equal("""{"who":"{{ input.user.name }}"}""", definition.Config("Use", "values"));
        Assert.Contains("beyond its body", result.Entry("Headers").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduleAndManualTriggers_KeepTheScheduleAndAccountForBoth()
    {
        var result = new N8nDoc().Trigger().Node("Every", "scheduleTrigger", "{}", 1.2).Node("Do", "noOp")
            .Connect("Start", "Do").Connect("Every", "Do").Convert();
        Assert.Equal(TriggerType.Schedule, result.Sound().Trigger!.Type);
        Assert.Equal(2, result.Report.Counts.Trigger);
        Assert.True(result.Report.FullyConverted);
    }

    [Fact]
    public void ServiceTrigger_IsReportedAndTheWorkflowStartsManually()
    {
        var result = new N8nDoc().Node("Mail", "gmailTrigger").Node("Do", "noOp").Connect("Mail", "Do").Convert(placeholders: true);
        Assert.Equal(TriggerType.Manual, result.Sound().Trigger!.Type);
        Assert.Contains("gmailTrigger", result.Entry("Mail").Reason, StringComparison.Ordinal);
        Assert.Single(result.Report.DroppedConnections);
    }
}
