using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>Version history with a diff, write-only credentials, the tool catalogue, and a public link in a fresh context.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResourcePagesTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task VersionHistory_ComparesTwoVersions()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Versioned", "nodes": [ { "id": "a", "tool": "data.template", "config": { "template": "first" } } ], "edges": [] }
            """);
        using (var api = fixture.Server.Api())
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workflows/{workflow["id"]}")
            {
                Content = JsonContent.Create(JsonNode.Parse("""{ "name": "Versioned", "nodes": [ { "id": "a", "tool": "data.template", "config": { "template": "second" } } ], "edges": [] }""")),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "1");
            (await api.SendAsync(request)).EnsureSuccessStatusCode();
        }

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}/versions"));
        await page.ClickAsync("[data-testid=compare]");
        await page.WaitForSelectorAsync("[data-testid=diff]");

        Assert.Contains("first", await page.TextContentAsync("[data-testid=diff] .removed"), StringComparison.Ordinal);
        Assert.Contains("second", await page.TextContentAsync("[data-testid=diff] .added"), StringComparison.Ordinal);
        // Who saved each version, by name and e-mail — not by a user id.
        var authors = await page.Locator("[data-testid=version-author]").AllTextContentsAsync();
        Assert.Equal(2, authors.Count);
        Assert.Equal(["Administrator · admin@localhost", "Administrator · admin@localhost"], authors.Select(a => a.Trim()));
        Assert.Equal(0, await page.Locator("[data-testid=version-author] code").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "10-versions-diff");
    }

    [BrowserFact]
    public async Task ACredentialsSecret_IsSentButNeverShownAgain()
    {
        const string secret = "s3cret-value-that-must-not-come-back";
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url("/credentials"));
        await page.FillAsync("#cred-name", "Mail relay");
        await page.FillAsync("#cred-type", "smtp");
        await page.FillAsync("#secret-key-0", "password");
        await page.FillAsync("#secret-value-0", secret);
        await page.PressAsync("#secret-value-0", "Tab");
        await page.ClickAsync("text=Save credential");

        await page.WaitForSelectorAsync("table.list >> text=Mail relay");
        Assert.Equal("", await page.InputValueAsync("#secret-value-0"));
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("table.list >> text=Mail relay");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "11-credentials");
    }

    [BrowserFact]
    public async Task TheToolCatalogue_ListsEveryTool_AndFilters()
    {
        using var api = fixture.Server.Api();
        var tools = (await api.GetFromJsonAsync<JsonObject>("/api/v1/tools"))!["items"]!.AsArray();
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url("/tools"));
        await page.WaitForSelectorAsync(".gallery article");

        Assert.Equal(tools.Count, await page.Locator(".gallery article").CountAsync());
        await page.FillAsync("#tool-search", "flow.delay");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.gallery article').length === 1");
        await page.FillAsync("#tool-search", "");
        await BrowserFixture.ScreenshotAsync(page, "12-tools");
    }

    [BrowserFact]
    public async Task APublicLinkPage_OpensWithoutASession_AndSaysWhenTheLinkIsUnknown()
    {
        var fresh = await fixture.NewPageAsync();
        var response = await fresh.GotoAsync(fixture.Server.Url("/s/tfs_no-such-token"));

        Assert.Equal(200, response!.Status);
        Assert.DoesNotContain("/signin", fresh.Url, StringComparison.Ordinal);
        await fresh.WaitForSelectorAsync("[role=alert]");
        Assert.DoesNotContain(await fresh.Context.CookiesAsync(), c => c.Name == "toolflow.session");
        // 404 once the shared-link routes are merged (unknown token); 401 before (no such anonymous route yet).
        Assert.Matches("does not exist|cannot be opened", await fresh.TextContentAsync("[role=alert]"));
        await BrowserFixture.ScreenshotAsync(fresh, "13-public-link-unknown");
    }
}
