using System.Text.RegularExpressions;

namespace Toolflow.Server.Hosting;

/// <summary>
/// Response headers that tell the browser what a page may do (docs/SECURITY.md, "Security headers").
/// Every response: <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: same-origin</c>.
/// UI responses (everything outside the API family below) also: a Content-Security-Policy that lets the
/// Blazor Server app run — its own scripts only, its circuit's WebSocket, no framing, no plugins.
/// </summary>
internal static partial class SecurityHeaders
{
    /// <summary>
    /// Not the UI: JSON and text answers, and the API reference page (Scalar runs an inline script and
    /// loads its bundle from a CDN, so the UI's policy would blank it).
    /// </summary>
    private static readonly string[] ApiFamily = ["/api", "/hooks", "/health", "/metrics", "/openapi", "/scalar"];

    /// <summary>
    /// <c>style-src</c> allows inline styles: Blazor applies <c>style</c> attributes (a run's progress bar)
    /// and its reconnect display injects a <c>&lt;style&gt;</c> element. Scripts, the dangerous half, stay
    /// <c>'self'</c> only — no inline script, no <c>eval</c>.
    /// </summary>
    private const string PolicyBeforeConnect =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            if (!IsApi(http.Request.Path))
            {
                headers.ContentSecurityPolicy = Policy(http.Request.Host);
                headers.XFrameOptions = "DENY";
            }

            return Task.CompletedTask;
        });
        return next(http);
    });

    internal static bool IsApi(PathString path) => ApiFamily.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The circuit's WebSocket by name as well as by <c>'self'</c>: browsers that predate CSP 3 do not let
    /// <c>'self'</c> cover <c>ws:</c>/<c>wss:</c>. Both schemes, since behind a TLS proxy the page is https
    /// while this server sees http. A host that is not a plain host[:port] is left out rather than copied into the header.
    /// </summary>
    private static string Policy(HostString host) =>
        host.HasValue && PlainHost().IsMatch(host.Value)
            ? $"{PolicyBeforeConnect} ws://{host.Value} wss://{host.Value}"
            : PolicyBeforeConnect;

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")]
    private static partial Regex PlainHost();
}
