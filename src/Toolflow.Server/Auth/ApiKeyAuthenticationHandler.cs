using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Auth;

/// <summary>
/// <c>Authorization: Bearer tf_…</c>: the key is hashed and looked up; only the hash ever leaves
/// this method. A missing or bad key answers 401 problem details (never which of the two it was).
/// Bad keys are counted per client address (<see cref="FailedSignIns"/>): past the limit, a key from
/// that address is refused with 429 before it is looked up, so guessing also stops costing a query.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ToolflowRepositories repositories, IProblemDetailsService problems, FailedSignIns failures, UiCallProof uiCalls)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "toolflow:key_id";
    private const string BearerPrefix = "Bearer ";
    private static readonly object ThrottledItem = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (!FromTheUi && failures.Refusal(address, null) is { } wait)
        {
            Context.Items[ThrottledItem] = wait;
            return AuthenticateResult.Fail("too many failed API keys from this address");
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return Failed("not a bearer token");
        }

        var key = header[BearerPrefix.Length..].Trim();
        if (!ApiKeyFormat.LooksValid(key))
        {
            return Failed("malformed API key");
        }

        var found = await repositories.ApiKeys.FindByHashAsync(ApiKeyFormat.Hash(key), Context.RequestAborted);
        if (found is not { } match)
        {
            return Failed("unknown or revoked API key");
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

    /// <summary>
    /// Only per address: a limit per key prefix would let anyone who knows a key's prefix (it is shown,
    /// not secret) shut that key's integration out of the API; a bearer key's 256 random bits are not
    /// guessed, so the address limit is about load.
    /// </summary>
    private AuthenticateResult Failed(string reason)
    {
        if (!FromTheUi)
        {
            failures.Record(Context.Connection.RemoteIpAddress, null);
        }

        return AuthenticateResult.Fail(reason);
    }

    /// <summary>This process's UI calling with a session's key (<see cref="UiCallProof"/>): its sign-in was limited on the form already.</summary>
    private bool FromTheUi => uiCalls.Matches(Request.Headers[UiCallProof.Header]);

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan wait)
        {
            Response.Headers.RetryAfter = Hosting.RateLimiting.RetryAfterSeconds(wait);
            return WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many requests",
                "too many failed API keys from this address; try again after the Retry-After delay");
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", "send a valid API key as 'Authorization: Bearer <key>'");
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "this operation needs the admin role");
}
