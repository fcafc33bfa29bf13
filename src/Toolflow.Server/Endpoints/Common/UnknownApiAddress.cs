using Microsoft.AspNetCore.Routing.Template;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>
/// A POST, PUT, PATCH or DELETE to an address under <c>/api</c> that no route has answers 404, as a GET does; one
/// to an address that exists for other methods answers 405 with their <c>Allow</c>, and one the route takes with a body
/// of another content type 415, as routing would. Without this route, every such
/// request answered 405 "Allow: GET, HEAD": the static assets' development fallback (<c>{**path:file}</c>, present
/// when the server runs from a build, as <c>dotnet run</c> does) matched any path, dotnet/aspnetcore#59964.
/// </summary>
internal static class UnknownApiAddress
{
    private static readonly string[] Methods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static void MapUnknownApiAddresses(this IEndpointRouteBuilder app) =>
        app.MapMethods("/api/{**rest}", Methods, Answer).ExcludeFromDescription();

    private static IResult Answer(HttpContext http, EndpointDataSource endpoints)
    {
        var allowed = AllowedMethods(endpoints, http.Request.Path);
        if (allowed.Count == 0)
        {
            return TypedResults.NotFound();
        }

        if (allowed.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            // The route takes this method: routing refused the request for its body's content type (the route's
            // Accepts), which it answers 415 itself when this catch-all is not there to match instead.
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        http.Response.Headers.Allow = string.Join(", ", allowed);
        return TypedResults.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>The methods of the API routes whose template, with its <c>guid</c> and <c>int</c> constraints, matches <paramref name="path"/>.</summary>
    private static List<string> AllowedMethods(EndpointDataSource endpoints, PathString path) =>
        [.. Routes(endpoints)
            .Where(r => Matches(r.Matcher, path))
            .SelectMany(r => r.Methods)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];

    private static bool Matches(TemplateMatcher matcher, PathString path)
    {
        var values = new RouteValueDictionary();
        if (!matcher.TryMatch(path, values))
        {
            return false;
        }

        // The API's routes constrain ids to guid and versions to int; other constraints are not used under /api.
        return matcher.Template.Parameters.All(p => values[p.Name!]?.ToString() is not { } value || p.InlineConstraints.All(c => c.Constraint switch
        {
            "guid" => Guid.TryParse(value, out _),
            "int" => int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _),
            _ => true,
        }));
    }

    /// <summary>The API's routes, parsed once per endpoint set (it is fixed once the app has started).</summary>
    private static List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> Routes(EndpointDataSource endpoints) =>
        Parsed.GetValue(endpoints, source => [.. source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal) && !raw.Contains("{**", StringComparison.Ordinal))
            .Select(e => (new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!), []), e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))]);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<EndpointDataSource, List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> Parsed = [];
}
