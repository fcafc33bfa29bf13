using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer tf_…</c>: the key is hashed and looked up; only the hash ever leaves
/// this method. A missing or bad key answers 401 problem details (never which of the two it was).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ToolflowRepositories repositories, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "toolflow:key_id";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("not a bearer token");
        }

        var key = header[BearerPrefix.Length..].Trim();
        if (!ApiKeyFormat.LooksValid(key))
        {
            return AuthenticateResult.Fail("malformed API key");
        }

        var found = await repositories.ApiKeys.FindByHashAsync(ApiKeyFormat.Hash(key), Context.RequestAborted);
        if (found is not { } match)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, match.User.Id.ToString()),
                new Claim(ClaimTypes.Name, match.User.Email),
                new Claim(ClaimTypes.Role, CallerClaims.RoleName(match.User.Role)),
                new Claim(KeyIdClaim, match.Key.Id.ToString()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "send a valid API key as 'Authorization: Bearer <key>'",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = "this operation needs the admin role" },
        });
    }
}
