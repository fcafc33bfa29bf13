using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>The execution pages as a user meets them: approvals, the history's ids, an execution that is not there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ExecutionPagesTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task AnApproval_ShowsItsQuestion_AndIsApprovedFromTheLiveView()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Approve me", "nodes": [
                { "id": "ask", "tool": "flow.approval", "config": { "message": "Ship it to production?" } },
                { "id": "done", "tool": "data.template", "config": { "template": "approved={{ nodes.ask.output.approved }} by {{ nodes.ask.output.who }}" } } ],
              "edges": [ { "source": "ask", "target": "done" } ] }
            """);
        var execution = await StartAsync((string)workflow["id"]!);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/executions/{execution}"));
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-waiting", new() { Timeout = 30_000 });
        Assert.Equal("Ship it to production?", (await page.TextContentAsync("[data-testid=approval-message]"))?.Trim());
        await page.WaitForSelectorAsync("[data-testid=node-ask][data-status=waiting]");
        await BrowserFixture.ScreenshotAsync(page, "19-approval");

        await page.FillAsync("#approve-payload", """{"who":"Zoë"}""");
        await page.PressAsync("#approve-payload", "Tab");
        await page.ClickAsync("[data-testid=approve]");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-completed", new() { Timeout = 30_000 });
        await page.ClickAsync("[data-testid=node-done] rect");
        Assert.Contains("approved=true by Zoë", await page.TextContentAsync("[data-testid=node-output]"), StringComparison.Ordinal); // as written, not "Zo\u00EB"
    }

    [BrowserFact]
    public async Task WaitingOnADelay_OffersNoApproval()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Only a delay", "nodes": [ { "id": "wait", "tool": "flow.delay", "config": { "durationMs": 600000 } } ], "edges": [] }
            """);
        var execution = await StartAsync((string)workflow["id"]!);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/executions/{execution}"));
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-waiting", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=node-wait][data-status=waiting]");
        Assert.Equal(0, await page.Locator("[data-testid=approve]").CountAsync());

        await page.ClickAsync("[data-testid=cancel]");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-cancelled");
    }

    [BrowserFact]
    public async Task TheHistory_TellsExecutionsStartedTogetherApart()
    {
        // Ids are UUID v7: their first characters are the creation time, the same for every run of the same minute.
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Twice", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "x": 1 } } } ], "edges": [] }
            """);
        var id = (string)workflow["id"]!;
        var first = await StartAsync(id);
        var second = await StartAsync(id);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{id}/executions"));
        var links = page.Locator("table.list a[href^='/executions/']");
        await links.Nth(1).WaitForAsync();
        var shown = await links.AllTextContentsAsync();
        Assert.Equal(2, shown.Distinct().Count());
        Assert.Equal(["manual", "manual"], (await page.Locator("table.list tbody tr td:nth-child(3)").AllTextContentsAsync()).Select(t => t.Trim()));

        await page.GotoAsync(fixture.Server.Url($"/executions/{first}"));
        var heading = await page.TextContentAsync("h1");
        Assert.Contains(shown.Single(s => first.EndsWith(s.Trim().TrimStart('…'), StringComparison.Ordinal)).Trim(), heading, StringComparison.Ordinal);
        Assert.DoesNotContain(second[^8..], heading, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task AnUnknownExecution_SaysSo_WithoutPretendingToBeQueued()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/executions/{Guid.NewGuid()}"));
        await page.WaitForSelectorAsync("text=Not found");

        Assert.Equal(0, await page.Locator("[data-testid=pause]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=progress]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=execution-status] .status-queued").CountAsync());
    }

    [BrowserFact]
    public async Task TheHistory_OfAWorkflowThatIsNotThere_SaysOnlyNotFound()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{Guid.NewGuid()}/executions"));
        await page.WaitForSelectorAsync("text=Not found");

        Assert.Equal(0, await page.Locator("#exec-status").CountAsync());
        Assert.Equal(0, await page.Locator("text=No executions yet").CountAsync());
    }

    [BrowserFact]
    public async Task AFilteredHistory_SaysWhatItFilteredOn()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Filtered", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "x": 1 } } } ], "edges": [] }
            """);
        var id = (string)workflow["id"]!;
        await StartAsync(id);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{id}/executions"));
        await page.Locator("table.list a[href^='/executions/']").WaitForAsync();
        await page.SelectOptionAsync("#exec-status", "cancelled");

        Assert.Equal("No cancelled executions.", (await page.Locator("[data-testid=no-executions]").TextContentAsync())?.Trim());
    }

    /// <summary>
    /// Retry shows the run going again without a reload: the failed node (its tool instance fixed in between)
    /// runs, and the view follows the execution past it to the delay it now waits on, saying it was retried.
    /// </summary>
    [BrowserFact]
    public async Task Retry_ShowsTheRunGoingAgain_WithoutAReload()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Server.Api();
        const string Failing = """{ "tool": "code.javascript", "name": "Flaky NAME", "config": { "code": "throw new Error('not yet')" } }""";
        using var created = await api.PostAsync("/api/v1/tool-instances", new StringContent(Failing.Replace("NAME", marker, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var instanceId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var workflow = await fixture.Server.CreateWorkflowAsync($$"""
            { "name": "Flaky {{marker}}", "nodes": [
                { "id": "flaky", "toolInstanceId": "{{instanceId}}" },
                { "id": "wait", "tool": "flow.delay", "config": { "durationMs": 600000 } } ],
              "edges": [ { "source": "flaky", "target": "wait" } ] }
            """);
        var execution = await StartAsync((string)workflow["id"]!);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/executions/{execution}"));
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-failed", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=node-flaky][data-status=failed]");
        Assert.Equal(0, await page.Locator("[data-testid=retried]").CountAsync());

        using var fixedInstance = await api.PutAsync($"/api/v1/tool-instances/{instanceId}", new StringContent(
            Failing.Replace("NAME", marker, StringComparison.Ordinal).Replace("throw new Error('not yet')", "return { ok: true }", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));
        fixedInstance.EnsureSuccessStatusCode();
        await page.ClickAsync("[data-testid=retry]");

        await page.WaitForSelectorAsync("[data-testid=retried]:has-text('retried once')");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-waiting", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=node-flaky][data-status=completed]");
        await page.WaitForSelectorAsync("[data-testid=node-wait][data-status=waiting]");
        Assert.Equal(0, await page.Locator("p.error[role=alert]").CountAsync()); // the first run's error is gone
        await page.ClickAsync("[data-testid=node-flaky]");
        Assert.Contains("Attempts: 1", await page.TextContentAsync("[data-testid=node-details]"), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=earlier-failures]:has-text('failed in an earlier run')");

        // A reload replays the events: the retry is still told.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("[data-testid=retried]:has-text('retried once')");

        await page.ClickAsync("[data-testid=cancel]");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-cancelled");
    }

    private async Task<string> StartAsync(string workflowId)
    {
        using var api = fixture.Server.Api();
        using var started = await api.PostAsJsonAsync($"/api/v1/workflows/{workflowId}/execute", new JsonObject { ["input"] = new JsonObject() });
        started.EnsureSuccessStatusCode();
        return (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
