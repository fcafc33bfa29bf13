using System.Net;
using Microsoft.Playwright;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>Signing in with an API key in a real browser: the cookie's flags, the key never shown, sign-out.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task SignIn_KeepsTheKeyInAnHttpOnlyStrictCookie_NeverOnThePage_AndSignOutEndsTheSession()
    {
        var anonymous = await fixture.NewPageAsync();
        await anonymous.GotoAsync(fixture.Server.Url("/workflows"));
        Assert.Contains("/signin", anonymous.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(anonymous, "01-sign-in");

        var page = await fixture.SignedInPageAsync();
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "toolflow.session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(fixture.Server.AdminKey, cookie.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Server.AdminKey, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await page.EvaluateAsync<string>("() => document.cookie")); // HttpOnly: scripts cannot read it

        // The UI's cookie opens the UI only: the API still wants a bearer key.
        var api = await page.APIRequest.GetAsync(fixture.Server.Url("/api/v1/workflows"));
        Assert.Equal((int)HttpStatusCode.Unauthorized, api.Status);

        await page.ClickAsync("text=Sign out");
        // The redirect is what matters; the sign-in page's own load may lag on a busy machine.
        await page.WaitForURLAsync("**/signin?signedOut=1", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await page.GotoAsync(fixture.Server.Url("/"));
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task AWrongKey_IsRefused_WithoutEchoingIt()
    {
        const string wrong = "tf_00000000_notarealkeynotarealkeynotarealkey0000000";
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.Server.Url("/signin"));
        await page.FillAsync("#apiKey", wrong);
        await page.ClickAsync("button[type=submit]");

        await page.WaitForSelectorAsync("[role=alert]:has-text('not accepted')");
        Assert.DoesNotContain(wrong, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "toolflow.session");
    }
}
