using System.Net;
using System.Text.RegularExpressions;
using Toolflow.Server.Web.Session;
using Toolflow.Web.Tests.EndToEnd;

namespace Toolflow.Web.Tests.Session;

/// <summary>The sign-in form post over plain HTTP: antiforgery, hostile return URLs, and the cookie never opening the API.</summary>
public sealed partial class SessionEndpointTests : IAsyncLifetime
{
    private readonly UiServer server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    private HttpClient Browserish() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() }) { BaseAddress = server.BaseAddress };

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/signin");
        return TokenField().Match(html).Groups[1].Value;
    }

    private static FormUrlEncodedContent Form(string token, string key, string returnUrl = "/") =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["apiKey"] = key, ["returnUrl"] = returnUrl });

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRefused_AndSetsNoCookie()
    {
        using var client = Browserish();
        using var response = await client.PostAsync("/session/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = server.AdminKey }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(SessionCookie.CookieName, StringComparison.Ordinal)));
        Assert.DoesNotContain(server.AdminKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAJsonBody_IsRefused()
    {
        using var client = Browserish();
        using var response = await client.PostAsync("/session/signin", new StringContent($$"""{"apiKey":"{{server.AdminKey}}"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task SignIn_NeverRedirectsOffSite(string returnUrl)
    {
        using var client = Browserish();
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync("/session/signin", Form(token, server.AdminKey, returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("tf_00000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task SignIn_WithABadKey_GoesBackToTheForm_WithoutTheKey(string key)
    {
        using var client = Browserish();
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync("/session/signin", Form(token, key));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin?failed=1", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Length > 0 ? key : "\u0000", response.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSessionCookie_OpensTheUi_ButNotTheApi()
    {
        using var client = Browserish();
        var token = await AntiforgeryTokenAsync(client);
        using var signIn = await client.PostAsync("/session/signin", Form(token, server.AdminKey, "/workflows"));
        Assert.Equal("/workflows", signIn.Headers.Location!.OriginalString);
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.CookieName, StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        using var ui = await client.GetAsync("/workflows");
        using var api = await client.GetAsync("/api/v1/workflows");

        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task UiPages_WithoutASession_RedirectToSignIn()
    {
        using var client = Browserish();

        using var response = await client.GetAsync("/workflows/00000000-0000-0000-0000-000000000001");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
