using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Toolflow.Server.Hosting;

/// <summary>
/// <c>Server:ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// this server believes. Off until a proxy is named — anyone can send those headers, so trusting them from
/// everyone would let any client choose its own address (and so its own rate-limit window).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Server:ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c> or <c>::1</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

internal static class ForwardedHeadersSetup
{
    /// <summary>
    /// The middleware's options, or null when no proxy is configured. A value that is not an address
    /// (or a network) stops start-up as one line naming it (<see cref="Storage.SettingsException"/>).
    /// </summary>
    public static ForwardedHeadersOptions? Read(IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        if (settings.KnownProxies.Length == 0 && settings.KnownNetworks.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,

            // Walk back through every trusted hop (CDN → nginx → here); the first untrusted one ends the walk.
            ForwardLimit = null,
        };

        // The defaults trust loopback; only what the operator names is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        var problems = new List<string>();
        foreach (var (text, index) in settings.KnownProxies.Select((t, i) => (t, i)))
        {
            if (IPAddress.TryParse(text?.Trim(), out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                problems.Add($"{ForwardedHeadersSettings.Section}:KnownProxies:{index} is not an IP address");
            }
        }

        foreach (var (text, index) in settings.KnownNetworks.Select((t, i) => (t, i)))
        {
            if (text is not null && text.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(text.Trim(), out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                problems.Add($"{ForwardedHeadersSettings.Section}:KnownNetworks:{index} is not a network in CIDR notation (like 10.0.0.0/8)");
            }
        }

        if (problems.Count > 0)
        {
            throw new Storage.SettingsException(string.Join("; ", problems) + ".");
        }

        return options;
    }
}
