using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// The in-memory test server has no TCP peer (its remote address is null), so this first middleware
/// gives each request the peer address a test names in <see cref="Header"/> — what Kestrel would take
/// from the socket. Everything after it, the forwarded-headers middleware and the limiters included, is the real pipeline.
/// </summary>
internal sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, following) =>
        {
            if (http.Request.Headers.Remove(Header, out var peer))
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return following(http);
        });
        next(app);
    };

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
