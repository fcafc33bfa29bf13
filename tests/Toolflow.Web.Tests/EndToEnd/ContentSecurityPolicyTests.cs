using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>
/// The UI works under its Content-Security-Policy: the pages that do the most in the browser (the graph
/// editor, a live run, the share dialog's copy button, a public link) load, stay interactive, and the
/// browser refuses nothing. (Every other browser test runs under the same policy; the fixture fails the run on any refusal.)
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task TheBusiestPages_WorkUnderThePolicy_AndTheBrowserRefusesNothing()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Policy check", "nodes": [ { "id": "hello", "tool": "data.template", "config": { "template": "Hello" } } ], "edges": [] }
            """);
        var before = fixture.PolicyViolations.Count;
        var page = await fixture.SignedInPageAsync();

        var editor = await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}"));
        var policy = await editor!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=node-hello]");
        await page.ClickAsync("[data-testid=add-node]"); // a click handled over the circuit's WebSocket
        await page.WaitForSelectorAsync("[data-testid=save]:has-text('Save *')");

        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}/share"));
        await page.ClickAsync("[data-testid=create-link]");
        var link = await page.InputValueAsync("[data-testid=public-link]");
        await page.ClickAsync("[data-testid=copy-link]"); // JS interop, where an inline onclick used to be

        var stranger = await fixture.NewPageAsync();
        await stranger.GotoAsync(link);
        await stranger.WaitForSelectorAsync("h1:has-text('Policy check')");

        // A run's page: live over the circuit, with the progress bar's inline width.
        using var api = fixture.Server.Api();
        using var started = await api.PostAsJsonAsync($"/api/v1/workflows/{workflow["id"]}/execute", new JsonObject { ["input"] = new JsonObject() });
        started.EnsureSuccessStatusCode();
        var execution = (string)(await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await page.GotoAsync(fixture.Server.Url($"/executions/{execution}"));
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-completed", new() { Timeout = 30_000 });
        Assert.Equal("100", await page.GetAttributeAsync("[data-testid=progress]", "aria-valuenow"));
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}/executions"));
        await page.WaitForSelectorAsync("table.list a[href^='/executions/']");

        var mine = fixture.PolicyViolations.Skip(before).Where(v => v.Contains(fixture.Server.BaseAddress.Authority, StringComparison.Ordinal)).ToList();
        Assert.Empty(mine);
    }
}
