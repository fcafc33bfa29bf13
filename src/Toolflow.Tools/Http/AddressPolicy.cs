using System.Net;
using System.Net.Sockets;

namespace Toolflow.Tools.Http;

/// <summary>
/// Decides which resolved addresses <c>http.request</c> may connect to. Everything that reaches
/// the host or its private networks is refused unless the administrator allows it by host name
/// or address range.
/// </summary>
public sealed class AddressPolicy
{
    private static readonly (IPNetwork Network, string Reason)[] RefusedRanges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local or cloud metadata address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved or broadcast address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("64:ff9b::/96"), "a NAT64 address"),
        (IPNetwork.Parse("2001::/32"), "a Teredo address"),
        (IPNetwork.Parse("2002::/16"), "a 6to4 address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local (private) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    private readonly HashSet<string> allowedHosts;
    private readonly IPNetwork[] allowedRanges;

    public AddressPolicy(HttpToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        allowedHosts = new HashSet<string>(options.AllowedHosts, StringComparer.OrdinalIgnoreCase);
        allowedRanges = [.. options.AllowedRanges.Select(IPNetwork.Parse)];
    }

    /// <summary>True when the administrator allowed this host name outright.</summary>
    public bool IsHostAllowed(string host) => allowedHosts.Contains(host);

    /// <summary>Null when the address may be used; otherwise why it may not.</summary>
    public string? RefusalReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return "not an IP address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            // Mapped addresses smuggle IPv4 targets past IPv6 checks; nobody needs them in a URL.
            return "an IPv4-mapped IPv6 address";
        }

        if (allowedRanges.Any(range => range.Contains(address)))
        {
            return null;
        }

        foreach (var (network, reason) in RefusedRanges)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }
}
