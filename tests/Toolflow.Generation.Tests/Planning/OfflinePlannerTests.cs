using Toolflow.Core.Definitions;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Tests.Planning;

public sealed class OfflinePlannerTests
{
    [Theory]
    [InlineData("every weekday at 8 fetch https://example.org/a", "0 8 * * 1-5", null)]
    [InlineData("hourly fetch https://example.org/a", "0 * * * *", null)]
    [InlineData("every 15 minutes fetch https://example.org/a", "*/15 * * * *", null)]
    [InlineData("daily at 6pm fetch https://example.org/a", "0 18 * * *", null)]
    [InlineData("Daily at 7:30 Europe/Paris fetch https://example.org/a", "30 7 * * *", "Europe/Paris")]
    [InlineData("every Friday at 4pm New York time fetch https://example.org/a", "0 16 * * 5", "America/New_York")]
    [InlineData("evry sunday at 10 am london time fetch https://example.org/a", "0 10 * * 0", "Europe/London")]
    [InlineData("fetch https://example.org/a every 2 hours", "0 */2 * * *", null)]
    [InlineData("monthly fetch https://example.org/a", "0 0 1 * *", null)]
    public async Task Schedules_BecomeCronWithTimeZone(string prompt, string cron, string? zone)
    {
        var outcome = await Generate.OfflineAsync(prompt);

        Assert.True(outcome.Succeeded);
        var trigger = outcome.Definition!.Trigger!;
        Assert.Equal(TriggerType.Schedule, trigger.Type);
        Assert.Equal(cron, trigger.Cron);
        Assert.Equal(zone, trigger.Timezone);
        Assert.Equal("http.request", Assert.Single(outcome.Definition.Nodes).Tool);
    }

    [Theory]
    [InlineData("When a webhook is received, summarise the body", TriggerType.Webhook)]
    [InlineData("when someone posts to our endpoint, summarise it", TriggerType.Webhook)]
    [InlineData("summarise the input text", TriggerType.Manual)]
    [InlineData("after workflow 0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61 completes, summarise its output", TriggerType.Workflow)]
    public async Task Triggers_AreRecognised(string prompt, TriggerType type)
    {
        var outcome = await Generate.OfflineAsync(prompt);

        Assert.Equal(type, outcome.Definition!.Trigger!.Type);
        Assert.Equal("llm.chat", Assert.Single(outcome.Definition.Nodes).Tool);
    }

    [Fact]
    public async Task WorkflowTrigger_OnFailure_NamesTheUpstreamWorkflow()
    {
        var outcome = await Generate.OfflineAsync("After the workflow 11111111-2222-4333-8444-555555555555 fails, email oncall@example.com");

        var trigger = outcome.Definition!.Trigger!;
        Assert.Equal("11111111-2222-4333-8444-555555555555", trigger.WorkflowId);
        Assert.Equal("failed", trigger.On);
    }

    [Fact]
    public async Task WorkflowTrigger_ByName_UsesTheUsersWorkflow_OrLeavesATodo()
    {
        var id = Guid.NewGuid();
        var context = new GenerationContext { Workflows = [new KnownWorkflow(id, "billing")] };

        var known = await Generate.OfflineAsync("when the billing workflow completes, email a@example.com", context);
        var unknown = await Generate.OfflineAsync("when the payroll workflow completes, email a@example.com", context);

        Assert.Equal(id.ToString(), known.Definition!.Trigger!.WorkflowId);
        Assert.Equal(Guid.Empty.ToString(), unknown.Definition!.Trigger!.WorkflowId);
        Assert.Contains(unknown.Todos, t => t.Contains("trigger.workflowId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusCondition_ReadsTheHttpStatus_AndGuardsTheNextStepOnTrue()
    {
        var outcome = await Generate.OfflineAsync("hourly check https://status.example.com/api and if the status is not 200 email ops@example.com");

        var d = outcome.Definition!;
        Assert.Equal(["http.request", "flow.condition", "email.send"], d.Nodes.Select(n => n.Tool));
        Assert.Equal("{{ nodes.fetch.output.status != 200 }}", (string?)d.Nodes[1].Config!["expression"]);
        Assert.False((bool)d.Nodes[0].Config!["failOnHttpError"]!);
        Assert.Contains(d.Edges, e => e.Source == "check" && e.Target == "email" && e.Branch == "true");
        Assert.Equal("ops@example.com", (string?)d.Nodes[2].Config!["to"]);
    }

    [Theory]
    [InlineData("when a webhook is received, if the total exceeds 100 email a@example.com", "{{ input.total > 100 }}")]
    [InlineData("run select count(*) as total from t and if the total is at least 5 email a@example.com", "{{ nodes.query.output.rows[0]?.total >= 5 }}")]
    [InlineData("query the jobs table and if there are more than 10 rows email a@example.com", "{{ nodes.query.output.rowCount > 10 }}")]
    [InlineData("fetch https://example.com/x and if the state is not 'done' email a@example.com", "{{ nodes.fetch.output.body.state != 'done' }}")]
    [InlineData("when a webhook is received, unless the amount is below 5 email a@example.com", "{{ !(input.amount < 5) }}")]
    public async Task Conditions_BecomeExpressionsOverTheDataBefore(string prompt, string expression)
    {
        var outcome = await Generate.OfflineAsync(prompt);

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.LastProblems));
        Assert.Equal(expression, (string?)outcome.Definition!.Nodes.Single(n => n.Tool == "flow.condition").Config!["expression"]);
    }

    [Fact]
    public async Task Otherwise_GoesOnTheFalseBranch()
    {
        var outcome = await Generate.OfflineAsync("If the amount in the input is more than 1000 require approval from finance, otherwise fail");

        var d = outcome.Definition!;
        Assert.Contains(d.Edges, e => e.Source == "check" && e.Target == "approval" && e.Branch == "true");
        Assert.Contains(d.Edges, e => e.Source == "check" && e.Target == "fail" && e.Branch == "false");
    }

    [Fact]
    public async Task ForEach_RunsTheStepPerRowOfTheQueryBefore()
    {
        var outcome = await Generate.OfflineAsync("every 10 minutes run select id from jobs where state = 'stuck' and for each row call https://example.com/jobs/{{ item.id }}/restart with a POST");

        var d = outcome.Definition!;
        var post = d.Nodes.Single(n => n.Tool == "http.request");
        Assert.Equal("{{ nodes.query.output.rows }}", post.ForEach);
        Assert.Equal("POST", (string?)post.Config!["method"]);
        Assert.Equal("https://example.com/jobs/{{ item.id }}/restart", (string?)post.Config["url"]);
        Assert.Equal("select id from jobs where state = 'stuck'", (string?)d.Nodes[0].Config!["sql"]);
    }

    [Fact]
    public async Task WaitsApprovalsAndData_AreWiredWithExpressions()
    {
        var outcome = await Generate.OfflineAsync("fetch https://example.com/report.json, wait 2 hours, ask for approval, then translate it to French and post it to https://example.org/in");

        var d = outcome.Definition!;
        Assert.Equal(["http.request", "flow.delay", "flow.approval", "llm.chat", "http.request"], d.Nodes.Select(n => n.Tool));
        Assert.Equal(7_200_000, (long?)d.Nodes[1].Config!["durationMs"]);
        Assert.Contains("into French", (string?)d.Nodes[3].Config!["prompt"], StringComparison.Ordinal);
        Assert.Contains("nodes.fetch.output.body", (string?)d.Nodes[3].Config!["prompt"], StringComparison.Ordinal);
        Assert.Equal("{{ nodes.translate.output.text }}", (string?)d.Nodes[4].Config!["body"]);
    }

    [Fact]
    public async Task MissingCredentials_AreTodos_NeverInvented()
    {
        var outcome = await Generate.OfflineAsync("query the orders table and email the rows to a@example.com");

        Assert.All(outcome.Definition!.Nodes, n => Assert.Null(n.Credential));
        Assert.Contains(outcome.Todos, t => t.Contains("SMTP credential", StringComparison.Ordinal) && t.Contains("'email'", StringComparison.Ordinal));
        Assert.Contains(outcome.Todos, t => t.Contains("PostgreSQL or SQLite credential", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsersCredentials_AreSetByName()
    {
        var context = new GenerationContext { Credentials = [new KnownCredential("smtp-main", "smtp"), new KnownCredential("warehouse", "postgres")] };

        var outcome = await Generate.OfflineAsync("query the orders table and email the rows to a@example.com", context);

        Assert.Equal("warehouse", outcome.Definition!.Nodes.Single(n => n.Tool == "db.query").Credential);
        Assert.Equal("smtp-main", outcome.Definition.Nodes.Single(n => n.Tool == "email.send").Credential);
        Assert.DoesNotContain(outcome.Todos, t => t.Contains("credential", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task WhatIsNotUnderstood_IsReported()
    {
        var outcome = await Generate.OfflineAsync("fetch https://example.com/a, then make the coffee machine sing");

        Assert.True(outcome.Succeeded);
        Assert.Contains(outcome.NotUnderstood, n => n.Contains("coffee machine", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NothingRecognisable_IsAValidEmptyDraft_ThatSaysSo()
    {
        var outcome = await Generate.OfflineAsync("make the coffee machine sing");

        Assert.True(outcome.Succeeded);
        Assert.Empty(outcome.Definition!.Nodes);
        Assert.NotEmpty(outcome.NotUnderstood);
    }

    [Fact]
    public async Task Conversation_RecordsEveryStateOfTheMachine()
    {
        var outcome = await Generate.OfflineAsync("fetch https://example.com/a and summarise it");

        var steps = outcome.Conversation.Select(e => (string?)e!["step"]).ToList();
        Assert.Equal([null, "understand", "retrieve_tools", "draft", "validate", "done"], steps);
        Assert.Equal("user", (string?)outcome.Conversation[0]!["role"]);
        Assert.Equal(OfflineDrafter.Name, outcome.Model);
        Assert.Equal(1, outcome.Attempts);
    }

    [Fact]
    public async Task FollowUp_AddsAStepToTheSameWorkflow_AndKeepsTheHistory()
    {
        var first = await Generate.OfflineAsync("every day at 6pm fetch https://example.com/sales and summarise it");

        var second = await Generate.OfflineAsync("also e-mail it to ops@x.com", existing: first.Definition, history: first.Conversation);

        var d = second.Definition!;
        Assert.Equal(["http.request", "llm.chat", "email.send"], d.Nodes.Select(n => n.Tool));
        Assert.Contains(d.Edges, e => e.Source == "summarise" && e.Target == "email");
        Assert.Equal("{{ nodes.summarise.output.text }}", (string?)d.Nodes[2].Config!["body"]);
        Assert.Equal(first.Definition!.Trigger, d.Trigger);
        Assert.Equal(2, second.Conversation.Count(e => (string?)e!["role"] == "user"));
        Assert.True(second.Conversation.Count > first.Conversation.Count);
    }

    [Fact]
    public async Task FollowUp_RunItHourlyInstead_ChangesOnlyTheTrigger()
    {
        var first = await Generate.OfflineAsync("every day at 6pm fetch https://example.com/sales and summarise it");

        var second = await Generate.OfflineAsync("run it hourly instead", existing: first.Definition, history: first.Conversation);

        Assert.Equal("0 * * * *", second.Definition!.Trigger!.Cron);
        Assert.Equal(first.Definition!.Nodes.Select(n => n.Id), second.Definition.Nodes.Select(n => n.Id));
    }

    [Fact]
    public async Task FollowUp_RemoveTheEmail_DropsItAndBridges()
    {
        var first = await Generate.OfflineAsync("fetch https://example.com/a, email it to a@example.com, then post it to https://example.org/b");

        var second = await Generate.OfflineAsync("remove the email step", existing: first.Definition);

        Assert.Equal(["http.request", "http.request"], second.Definition!.Nodes.Select(n => n.Tool));
        Assert.Contains(second.Definition.Edges, e => e.Source == "fetch" && e.Target == "post");
    }
}
