using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolflow.Tools.Tests.Http;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port, for tools that talk HTTP.</summary>
public sealed class LocalHttpPeer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requestCount;

    private LocalHttpPeer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int RequestCount => Volatile.Read(ref requestCount);

    public static async Task<LocalHttpPeer> StartAsync(Action<IEndpointRouteBuilder> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var peer = new LocalHttpPeer(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref peer.requestCount);
            await next(context);
        });
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        peer.BaseAddress = new Uri(address);
        return peer;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
