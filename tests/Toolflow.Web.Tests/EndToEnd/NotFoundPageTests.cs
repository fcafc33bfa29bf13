using System.Net;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>An address with no page behind it, typed or followed from a bookmark, in a browser and from the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotFoundPageTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task ASignedInBrowser_GetsTheUisNotFoundPage_NotTheApisJson401()
    {
        var page = await fixture.SignedInPageAsync();
        var response = await page.GotoAsync(fixture.Server.Url("/no/such/page"));

        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await page.WaitForSelectorAsync("main h1:has-text('Not found')");
        await page.WaitForSelectorAsync("nav[aria-label=Main] >> text=Workflows"); // the user can go on from there
        Assert.DoesNotContain("Bearer", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task SigningIn_AndOpeningAPage_LogsNoError()
    {
        // The browser's own requests (the icon) are not reported as responses, only as console errors.
        var page = await fixture.NewPageAsync();
        var failed = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (failed)
                {
                    failed.Add(message.Text);
                }
            }
        };
        await page.GotoAsync(fixture.Server.Url("/"));
        await page.FillAsync("#apiKey", fixture.Server.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("h1:has-text('Workflows')");
        await page.GotoAsync(fixture.Server.Url("/tools"));
        await page.WaitForSelectorAsync("h1:has-text('Tool catalogue')");
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        lock (failed)
        {
            Assert.Empty(failed);
        }
    }

    [BrowserFact]
    public async Task ASignedOutBrowser_IsAskedToSignIn()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url("/no/such/page"));

        await page.WaitForSelectorAsync("#apiKey");
    }

    [BrowserFact]
    public async Task TheApi_StillAnswersUnknownRoutesItsOwnWay()
    {
        using var api = fixture.Server.Api();
        using (var known = await api.GetAsync("/api/v1/no-such-route"))
        {
            Assert.Equal(HttpStatusCode.NotFound, known.StatusCode);
        }

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.BaseAddress };
        using var unknown = await anonymous.GetAsync("/api/v1/no-such-route");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }
}
