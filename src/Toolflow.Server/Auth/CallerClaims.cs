using System.Security.Claims;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Auth;

/// <summary>Turns the authenticated principal back into the repositories' <see cref="Caller"/>.</summary>
internal static class CallerClaims
{
    public const string AdminRole = "admin";
    public const string MemberRole = "member";

    public static string RoleName(UserRole role) => role == UserRole.Admin ? AdminRole : MemberRole;

    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("the endpoint requires authentication but no user is signed in");
        return new Caller(Guid.Parse(id), user.IsInRole(AdminRole) ? UserRole.Admin : UserRole.Member);
    }

    public static string? KeyId(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
}
