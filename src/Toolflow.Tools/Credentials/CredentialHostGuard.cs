using System.Net;
using System.Net.Sockets;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Credentials;

/// <summary>
/// Where a credential's host may point. A user who can write a credential can name any host, so
/// without this an SMTP or database credential would probe the server's own network just as an
/// unguarded URL would. Uses the same <see cref="AddressPolicy"/> as <c>http.request</c>.
/// </summary>
public static class CredentialHostGuard
{
    /// <summary>Resolves the host once and returns its addresses, all allowed; throws <c>ssrf_refused</c> otherwise.</summary>
    public static async Task<IPAddress[]> ResolveAsync(AddressPolicy policy, string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new ToolFailureException("network", $"host '{host}' did not resolve: {ex.SocketErrorCode}", retryable: true);
        }

        if (addresses.Length == 0)
        {
            throw new ToolFailureException("network", $"host '{host}' did not resolve to any address", retryable: true);
        }

        if (!policy.IsHostAllowed(host))
        {
            foreach (var address in addresses)
            {
                if (policy.RefusalReason(address) is { } reason)
                {
                    throw new ToolFailureException(
                        "ssrf_refused", $"refused to connect to '{host}': it resolves to {address}, {reason}; an administrator may allow it in Tools:Http", retryable: false);
                }
            }
        }

        return addresses;
    }
}
