using Npgsql;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Database;

/// <summary>
/// Checks every host of a PostgreSQL connection string against the address policy before Npgsql
/// connects. Npgsql resolves the name again itself, so unlike http.request this does not pin the
/// address: it stops credentials that name internal hosts, not a DNS server that lies on purpose.
/// </summary>
internal static class PostgresHosts
{
    public static async Task CheckAsync(AddressPolicy policy, string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        foreach (var entry in (builder.Host ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.StartsWith('/') || entry.StartsWith('@'))
            {
                throw new ToolFailureException("ssrf_refused", "refused to connect through a Unix socket: it reaches the server's own PostgreSQL", retryable: false);
            }

            await CredentialHostGuard.ResolveAsync(policy, HostOf(entry), cancellationToken);
        }
    }

    /// <summary>The host names of a connection string (sockets included as written).</summary>
    public static IEnumerable<string> Names(string connectionString) =>
        (new NpgsqlConnectionStringBuilder(connectionString).Host ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(HostOf);

    // Multi-host strings may carry a port per host: "db1:5433,db2"; an IPv6 literal is bracketed.
    private static string HostOf(string entry)
    {
        if (entry.StartsWith('['))
        {
            return entry[..(entry.IndexOf(']', StringComparison.Ordinal) + 1)];
        }

        var colon = entry.LastIndexOf(':');
        return colon > 0 && entry.IndexOf(':', StringComparison.Ordinal) == colon ? entry[..colon] : entry;
    }
}
