using System.Net;
using System.Net.Sockets;

namespace Toolflow.Tools.Http;

/// <summary>
/// Builds the socket handler behind <c>http.request</c>: the host is resolved once, every
/// resolved address is checked by the <see cref="AddressPolicy"/>, and the socket connects to
/// a checked address — so no second DNS lookup can swap in another one (DNS rebinding).
/// Redirects are not followed here; the caller follows them so that every hop passes through
/// this callback again.
/// </summary>
public static class GuardedHttpHandler
{
    public static SocketsHttpHandler Create(AddressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(AddressPolicy policy, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SsrfRefusedException($"host '{endpoint.Host}' did not resolve to any address");
        }

        if (!policy.IsHostAllowed(endpoint.Host))
        {
            foreach (var address in addresses)
            {
                var reason = policy.RefusalReason(address);
                if (reason is not null)
                {
                    throw new SsrfRefusedException(
                        $"refused to connect to '{endpoint.Host}': it resolves to {address}, {reason}; an administrator may allow it in Tools:Http");
                }
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
