using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// <c>Server:ForwardedHeaders</c>: a trusted proxy's <c>X-Forwarded-For</c> becomes the client address (the
/// failed-sign-in limiter's partition, the audit log) and its <c>X-Forwarded-Proto</c> the scheme; anyone else's is ignored.
/// </summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.ProxiedFactory factory) : IClassFixture<ForwardedHeadersTests.ProxiedFactory>
{
    private const string Proxy = "10.0.0.5";
    private const int Limit = 2;

    [Fact]
    public async Task ATrustedProxysForwardedAddress_IsTheRateLimitersPartition()
    {
        using var proxy = PeerAddress.From(factory.CreateClient(), Proxy);
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(proxy, "198.51.100.7"));
        }

        // The same forwarded client is over its limit; another client behind the same proxy is not.
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(proxy, "198.51.100.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(proxy, "198.51.100.8"));

        // A proxy of a trusted network, and a chain of trusted hops back to the client.
        using var other = PeerAddress.From(factory.CreateClient(), "10.1.2.3");
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(other, "198.51.100.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(other, $"198.51.100.7, {Proxy}"));
    }

    [Fact]
    public async Task AnUntrustedPeersForwardedAddress_IsIgnored()
    {
        using var stranger = PeerAddress.From(factory.CreateClient(), "203.0.113.50");
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await BadKeyAsync(stranger, $"192.0.2.{i + 1}"));
        }

        // A fresh X-Forwarded-For does not buy a fresh window: the peer's own address is the client.
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(stranger, "192.0.2.99"));

        // Nor does an untrusted hop in the chain pass on what lies before it.
        using var proxy = PeerAddress.From(factory.CreateClient(), Proxy);
        Assert.Equal(HttpStatusCode.TooManyRequests, await BadKeyAsync(proxy, "192.0.2.100, 203.0.113.50"));
    }

    [Fact]
    public async Task TheAuditLog_RecordsTheForwardedClient_AndTheSchemeIsTheProxys()
    {
        using var proxied = PeerAddress.From(factory.AdminClient(), Proxy);
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.30");
        using var created = await proxied.PostAsync(Uri("/api/v1/workflows"), Workflow("Behind a proxy"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetString();
        var database = factory.Services.GetRequiredService<ToolflowDatabase>();
        Assert.Equal("198.51.100.30", await database.ScalarAsync("SELECT ip_address FROM audit_log WHERE object_id = @id AND action = 'workflow.create'", new { id }));

        using var browser = PeerAddress.From(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), Proxy);
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri("/workflows"));
        request.Headers.Add("X-Forwarded-For", "198.51.100.31");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var redirect = await browser.SendAsync(request);
        Assert.Equal("https", redirect.Headers.Location!.Scheme);
    }

    private static async Task<HttpStatusCode> BadKeyAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Uri("/api/v1/workflows"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer garbage");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public sealed class ProxiedFactory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Server:ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["Server:ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
            ["Api:RateLimit:FailedSignInsPerAddressPerMinute"] = $"{Limit}",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>());
        }
    }
}
