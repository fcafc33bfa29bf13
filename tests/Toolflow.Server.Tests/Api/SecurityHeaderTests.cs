using System.Net;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// UI responses carry a Content-Security-Policy, X-Frame-Options, nosniff and a referrer policy; API-family
/// responses carry nosniff and the referrer policy, but not the UI's policy (it would blank the API reference page).
/// </summary>
public sealed class SecurityHeaderTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Theory]
    [InlineData("/signin")] // a page
    [InlineData("/workflows")] // the redirect to sign in
    [InlineData("/no/such/page")] // the UI's not-found answer
    public async Task UiResponses_CarryTheBrowserPolicies(string path)
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        var policy = Directives(response);
        Assert.Equal("'self'", policy["script-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'self'", policy["base-uri"]);
        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self' ws://localhost wss://localhost", policy["connect-src"]);
        Assert.DoesNotContain("unsafe-inline", policy["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", string.Join(' ', policy.Values), StringComparison.Ordinal);
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["same-origin"], response.Headers.GetValues("Referrer-Policy"));
    }

    [Theory]
    [InlineData("/api/v1/tools", HttpStatusCode.OK)]
    [InlineData("/api/v1/workflows", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/hooks/0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task ApiResponses_AreNosniff_WithoutTheUiPolicy(string path, HttpStatusCode status)
    {
        using var client = path is "/api/v1/tools" or "/api/v1/no-such-thing" ? factory.AdminClient() : factory.CreateClient();

        using var response = path.StartsWith("/hooks/", StringComparison.Ordinal)
            ? await client.PostJsonAsync(path, "{}")
            : await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("evil.example; script-src *")]
    [InlineData("evil.example wss://attacker.example")]
    public async Task AHostileHostHeader_NeverReachesThePolicy(string host)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri("/signin"));
        request.Headers.TryAddWithoutValidation("Host", host);

        using var response = await client.SendAsync(request);

        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("evil.example", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", policy, StringComparison.Ordinal);
        Assert.Equal("'self'", Directives(response)["script-src"]);
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        string.Join(' ', response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);
}
