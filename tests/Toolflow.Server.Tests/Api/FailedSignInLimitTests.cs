using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Core.Definitions;
using Toolflow.Server.Auth;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// Failed sign-ins — bad bearer keys, and bad keys on the UI's sign-in form — are limited per client
/// address and (the form) per key prefix; successes are never counted, and one client's failures never block another's success.
/// </summary>
public sealed class FailedSignInLimitTests(FailedSignInLimitTests.LimitedFactory factory) : IClassFixture<FailedSignInLimitTests.LimitedFactory>
{
    private const int Limit = 3;

    [Fact]
    public async Task BadBearerKeys_FromOneAddress_Get429_ThenEvenAGoodKeyFromThere_OtherAddressesAreUntouched()
    {
        var (_, good) = await MemberKeyAsync();
        using var attacker = PeerAddress.From(factory.CreateClient(), "203.0.113.10");
        using var other = PeerAddress.From(factory.ClientWithKey(good), "203.0.113.11");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Uri("/api/v1/workflows"));
            request.Headers.TryAddWithoutValidation("Authorization", i % 2 == 0 ? $"Bearer {ApiKeyFormat.Generate().Key}" : "Bearer garbage");
            using var response = await attacker.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (i == Limit)
            {
                var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.Contains("failed API keys", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
                Assert.True(int.TryParse(response.Headers.RetryAfter?.ToString(), out var seconds) && seconds is >= 1 and <= 60, $"Retry-After: {response.Headers.RetryAfter}");
            }
        }

        using var goodFromAttacker = new HttpRequestMessage(HttpMethod.Get, Uri("/api/v1/workflows"));
        goodFromAttacker.Headers.TryAddWithoutValidation("Authorization", $"Bearer {good}");
        using var refused = await attacker.SendAsync(goodFromAttacker);
        using var elsewhere = await other.GetAsync("/api/v1/workflows");

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, Limit), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    /// <summary>
    /// The UI's own calls come from the server's address: a session whose key was revoked must not spend
    /// that address's window for every other UI user. A wrong proof is an ordinary call.
    /// </summary>
    [Fact]
    public async Task TheUisOwnCalls_WithARevokedKey_AreNotCounted_AWrongProofIs()
    {
        var proof = factory.Services.GetRequiredService<UiCallProof>().Value;
        using var uiClient = factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(Toolflow.Server.Web.Client.ToolflowClient.HttpClientName);
        Assert.Equal([proof], uiClient.DefaultRequestHeaders.GetValues(UiCallProof.Header)); // what the UI's client sends
        using var ui = PeerAddress.From(factory.CreateClient(), "127.0.0.1");
        for (var i = 0; i < Limit * 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(ui, proof));
        }

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(ui, proof + "x"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(ui, "forged"));
        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(ui, proof)); // the UI itself carries on

        static async Task<HttpStatusCode> BadKeyAsync(HttpClient client, string proofHeader)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Uri("/api/v1/workflows"));
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {ApiKeyFormat.Generate().Key}");
            request.Headers.Add(UiCallProof.Header, proofHeader);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task GoodKeys_AreNeverCounted()
    {
        var (_, good) = await MemberKeyAsync();
        using var client = PeerAddress.From(factory.ClientWithKey(good), "203.0.113.20");

        for (var i = 0; i < Limit * 3; i++)
        {
            using var response = await client.GetAsync("/api/v1/workflows");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task TheSignInForm_RefusesAnAddressPastItsFailures_WhileAnotherAddressSignsIn()
    {
        var (_, good) = await MemberKeyAsync();
        using var attacker = Browser("198.51.100.1");
        for (var i = 0; i < Limit; i++)
        {
            Assert.StartsWith("/signin?failed=1", await SignInAsync(attacker, ApiKeyFormat.Generate().Key), StringComparison.Ordinal);
        }

        // Past the limit even the right key is refused from there, before it is checked, and no session cookie is set.
        using var refused = await PostSignInAsync(attacker, good);
        Assert.StartsWith("/signin?throttled=1", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(int.TryParse(refused.Headers.RetryAfter?.ToString(), out _));
        Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("toolflow.session=", StringComparison.Ordinal));

        using var someoneElse = Browser("198.51.100.2");
        Assert.Equal("/workflows", await SignInAsync(someoneElse, good));

        using var page = await attacker.GetAsync("/signin?throttled=1");
        Assert.Contains("Too many failed sign-ins", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSignInForm_RefusesAKeyGuessedFromManyAddresses_ButNotAnotherAccountsKey()
    {
        var (_, target) = await MemberKeyAsync();
        var (_, bystander) = await MemberKeyAsync();
        var prefix = ApiKeyFormat.PrefixOf(target)!;
        for (var i = 0; i < Limit; i++)
        {
            using var guesser = Browser($"192.0.2.{10 + i}");
            Assert.StartsWith("/signin?failed=1", await SignInAsync(guesser, $"{prefix}_{new string('x', 43)}"), StringComparison.Ordinal);
        }

        using var fresh = Browser("192.0.2.50");
        Assert.StartsWith("/signin?throttled=1", await SignInAsync(fresh, target), StringComparison.Ordinal);
        using var other = Browser("192.0.2.51");
        Assert.Equal("/workflows", await SignInAsync(other, bystander));
    }

    [Fact]
    public async Task IPv6Clients_ShareTheWindowOfTheir64()
    {
        using var first = PeerAddress.From(factory.CreateClient(), "2001:db8:1:2::1");
        using var sameNetwork = PeerAddress.From(factory.CreateClient(), "2001:db8:1:2:ffff::9");
        for (var i = 0; i < Limit; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Uri("/api/v1/workflows"));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer garbage");
            using var response = await first.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var next = new HttpRequestMessage(HttpMethod.Get, Uri("/api/v1/workflows"));
        next.Headers.TryAddWithoutValidation("Authorization", "Bearer garbage");
        using var limited = await sameNetwork.SendAsync(next);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    private async Task<(Guid UserId, string Key)> MemberKeyAsync()
    {
        var user = await factory.Repositories.Users.CreateAsync($"user-{Guid.NewGuid():N}@example.org", "Test user", UserRole.Member);
        var key = ApiKeyFormat.Generate();
        await factory.Repositories.ApiKeys.CreateAsync(user.Id, "test", key.Prefix, key.Hash);
        return (user.Id, key.Key);
    }

    private HttpClient Browser(string address) =>
        PeerAddress.From(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), address);

    private static async Task<string> SignInAsync(HttpClient browser, string key)
    {
        using var response = await PostSignInAsync(browser, key);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string key) => SessionSignIn.PostAsync(browser, key);

    public sealed class LimitedFactory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Api:RateLimit:FailedSignInsPerAddressPerMinute"] = $"{Limit}",
            ["Api:RateLimit:FailedSignInsPerKeyPerMinute"] = $"{Limit}",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
        }
    }
}
