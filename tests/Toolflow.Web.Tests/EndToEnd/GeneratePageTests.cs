using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>The generate page: a prompt drafts a workflow on the canvas, a follow-up makes its next version.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GeneratePageTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task APrompt_DraftsAWorkflowOnTheCanvas_AndAFollowUpMakesItsNextVersion()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url("/generate"));
        await page.WaitForSelectorAsync("text=No draft yet.");

        await SendAsync(page, "When a webhook arrives, POST its body to https://example.org/api");
        await page.WaitForSelectorAsync("text=Draft v1: 1 node,", new() { Timeout = 30_000 });
        Assert.True(await page.Locator("[data-testid=canvas] g[data-testid^=node-]").CountAsync() >= 1);
        var href = await page.GetAttributeAsync("text=Open in the editor", "href");
        Assert.StartsWith("/workflows/", href, StringComparison.Ordinal);

        await SendAsync(page, "Then email the response to ops@example.org");
        await page.WaitForSelectorAsync("text=Draft v2: 2 nodes,", new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "18-generate");

        using var api = fixture.Server.Api();
        var workflow = (await api.GetFromJsonAsync<JsonObject>($"/api/v1{href}"))!;
        Assert.Equal(2, (int)workflow["version"]!);
        Assert.Contains(workflow["nodes"]!.AsArray(), n => ((string)n!["tool"]!).StartsWith("email.", StringComparison.Ordinal));
        Assert.Contains(workflow["nodes"]!.AsArray(), n => ((string)n!["tool"]!).StartsWith("http.", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task TypingAPrompt_EnablesGenerate_WithoutLeavingTheField()
    {
        // A user types and clicks Generate: the button must be enabled by the typing itself, not only once the
        // field loses focus (then the first click lands on a disabled button and is lost).
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url("/generate"));
        await page.WaitForSelectorAsync("text=No draft yet.");

        await page.Locator("#prompt").PressSequentiallyAsync("Send a webhook's body to https://example.org/in");
        await page.Locator("form[aria-label=Prompt] button[type=submit]:not([disabled])").WaitForAsync(new() { Timeout = 5_000 });
        Assert.Equal("#prompt", await page.EvaluateAsync<string>("() => '#' + document.activeElement.id"));

        await page.ClickAsync("form[aria-label=Prompt] button[type=submit]");
        await page.WaitForSelectorAsync("text=Draft v1:", new() { Timeout = 30_000 });
    }

    private static async Task SendAsync(Microsoft.Playwright.IPage page, string prompt)
    {
        await page.FillAsync("#prompt", prompt);
        await page.PressAsync("#prompt", "Tab");
        await page.ClickAsync("form[aria-label=Prompt] button[type=submit]");
    }
}
