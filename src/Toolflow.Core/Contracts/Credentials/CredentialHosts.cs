using System.Globalization;
using System.Net;

namespace Toolflow.Core.Contracts.Credentials;

/// <summary>
/// What a host binding may hold: host names (<c>api.example.com</c>), one leading wildcard label
/// (<c>*.example.com</c>) or IP literals; at most 50, stored lower-case and de-duplicated.
/// </summary>
public static class CredentialHosts
{
    public const int MaxHosts = 50;

    public static string[] Normalise(IEnumerable<string> hosts) =>
        [.. hosts.Select(h => h.Trim().TrimEnd('.').ToLowerInvariant()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>Null when <paramref name="host"/> is acceptable, else why not.</summary>
    public static string? Problem(string? host)
    {
        var text = host?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(text))
        {
            return "must not be empty";
        }

        if (text.Length > 253)
        {
            return "must be at most 253 characters";
        }

        var name = text.StartsWith("*.", StringComparison.Ordinal) ? text[2..] : text;
        if (IPAddress.TryParse(name.Trim('[', ']'), out _) && !text.StartsWith('*'))
        {
            return null;
        }

        return Uri.CheckHostName(name) == UriHostNameType.Dns && !name.Contains('*', StringComparison.Ordinal)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"'{text}' is not a host name, '*.domain' or an IP address");
    }
}
