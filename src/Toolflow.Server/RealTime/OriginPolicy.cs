namespace Toolflow.Server.RealTime;

/// <summary>
/// Cross-site WebSocket hijacking guard: a browser always sends <c>Origin</c>, so a page from
/// another site could otherwise open a socket riding the user's credentials. Allowed: no Origin
/// (not a browser), the request's own host, or one of <c>Api:AllowedOrigins</c>.
/// </summary>
internal static class OriginPolicy
{
    public static bool IsAllowed(HttpRequest request, IReadOnlyCollection<string> allowedOrigins)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        if (allowedOrigins.Any(a => string.Equals(a.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
