using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Toolflow.Server.Web.Session;

/// <summary>
/// The browser session: an HttpOnly, SameSite=Strict cookie whose (Data Protection encrypted) ticket
/// carries the API key the user signed in with. The key lives only in that ticket and in server memory.
/// </summary>
internal static class SessionCookie
{
    public const string SchemeName = "ToolflowSession";
    public const string PolicyName = "ui-session";
    public const string CookieName = "toolflow.session";

    /// <summary>The claim holding the API key; read only by <see cref="SessionKey"/>, never rendered.</summary>
    public const string KeyClaim = "toolflow:session_key";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/signin";
        options.LogoutPath = "/session/signout";
        options.AccessDeniedPath = "/signin";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
    }

    public static void Policy(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser();
}
