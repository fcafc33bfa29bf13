namespace Toolflow.Tools.Credentials;

/// <summary>
/// The hosts a credential may be sent to. Empty means unbound. An entry is a host name or IP literal
/// matched exactly (case-insensitive), or <c>*.example.com</c>, which matches any subdomain of
/// example.com but not example.com itself — the same reading as a TLS wildcard, one level or more.
/// </summary>
public sealed class HostBinding
{
    public static readonly HostBinding None = new([]);

    private readonly string[] _hosts;

    public HostBinding(IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        _hosts = [.. hosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant())];
    }

    public bool IsBound => _hosts.Length > 0;

    public IReadOnlyList<string> Hosts => _hosts;

    public bool Allows(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!IsBound)
        {
            return true;
        }

        var candidate = host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
        foreach (var entry in _hosts)
        {
            if (entry.StartsWith("*.", StringComparison.Ordinal)
                ? candidate.EndsWith(entry[1..], StringComparison.Ordinal) && candidate.Length > entry.Length - 1
                : string.Equals(candidate, entry, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fails the node with <c>credential.host_not_allowed</c> when <paramref name="host"/> is outside the binding.</summary>
    public void Require(string host, string? credentialName)
    {
        if (!Allows(host))
        {
            throw new ToolFailureException(
                "credential.host_not_allowed",
                $"credential '{credentialName}' is bound to {string.Join(", ", _hosts)} and is not sent to '{host}'",
                retryable: false);
        }
    }
}
