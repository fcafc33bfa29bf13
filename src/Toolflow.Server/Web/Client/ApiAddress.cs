using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Toolflow.Server.Web.Client;

/// <summary>
/// Where the UI reaches the API: <c>Web:ApiBaseAddress</c> when set (e.g. behind a proxy that
/// terminates TLS), otherwise this process's own listening address, with wildcard hosts mapped to loopback.
/// </summary>
internal sealed class ApiAddress(IServer server, IConfiguration configuration)
{
    private Uri? resolved;

    public Uri Resolve() => resolved ??= Configured() ?? FromServer();

    private Uri? Configured() =>
        configuration["Web:ApiBaseAddress"] is { Length: > 0 } text ? new Uri(text.TrimEnd('/') + "/") : null;

    private Uri FromServer()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("the server has no listening address yet; set Web:ApiBaseAddress");
        return new Uri(ToLoopback(chosen).TrimEnd('/') + "/");
    }

    internal static string ToLoopback(string address)
    {
        var builder = new UriBuilder(address.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal));
        if (builder.Host is "wildcard" or "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "127.0.0.1";
        }

        return builder.Uri.ToString();
    }
}
