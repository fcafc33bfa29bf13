using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Toolflow.Server.Auth;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Web.Session;

/// <summary>
/// Sign-in and sign-out as plain form posts (a cookie can only be set on an HTTP response, not over the
/// Blazor circuit). Not part of the API: excluded from the OpenAPI document, and antiforgery-checked.
/// </summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/session/signin", SignInAsync).AllowAnonymous().ExcludeFromDescription().DisableRateLimiting();
        app.MapPost("/session/signout", SignOutAsync).RequireAuthorization(SessionCookie.PolicyName).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, ToolflowRepositories repositories, IAntiforgery antiforgery, FailedSignIns failures)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: "sign in from the sign-in page");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var key = form["apiKey"].ToString().Trim();
        var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
        var address = http.Connection.RemoteIpAddress;
        var prefix = ApiKeyFormat.PrefixOf(key);
        if (failures.Refusal(address, prefix) is { } wait)
        {
            // Refused before the lookup, the right key too: otherwise a guesser would still learn when it hit.
            http.Response.Headers.RetryAfter = Hosting.RateLimiting.RetryAfterSeconds(wait);
            return TypedResults.Redirect($"/signin?throttled=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var match = ApiKeyFormat.LooksValid(key)
            ? await repositories.ApiKeys.FindByHashAsync(ApiKeyFormat.Hash(key), http.RequestAborted)
            : null;
        if (match is not { } found)
        {
            // Same answer for malformed, unknown and revoked keys; the key itself is never echoed.
            failures.Record(address, prefix);
            return TypedResults.Redirect($"/signin?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.User.Id.ToString()),
                new Claim(ClaimTypes.Name, found.User.Email),
                new Claim(ClaimTypes.Role, CallerClaims.RoleName(found.User.Role)),
                new Claim(SessionCookie.KeyClaim, key),
            ],
            SessionCookie.SchemeName);
        await http.SignInAsync(SessionCookie.SchemeName, new ClaimsPrincipal(identity));
        return TypedResults.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Request", detail: "sign out from the page's button");
        }

        await http.SignOutAsync(SessionCookie.SchemeName);
        return TypedResults.Redirect("/signin?signedOut=1");
    }

    /// <summary>Only local paths: an open redirect would let a link send a fresh session elsewhere.</summary>
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
