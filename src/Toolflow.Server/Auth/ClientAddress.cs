using System.Net;
using System.Net.Sockets;

namespace Toolflow.Server.Auth;

/// <summary>The rate limiters' name for a client address.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// IPv4 as is (an IPv4-mapped IPv6 address as its IPv4 form); IPv6 by its /64, because one host
    /// commonly holds a whole /64 and would otherwise get a fresh window per address.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
