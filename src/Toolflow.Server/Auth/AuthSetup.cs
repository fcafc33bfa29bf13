using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Toolflow.Server.Auth;

/// <summary>
/// API keys for everything: the fallback policy demands an authenticated caller on every
/// endpoint that does not say <c>AllowAnonymous</c> (health, metrics, the OpenAPI document and reference page).
/// </summary>
internal static class AuthSetup
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddToolflowAuth(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(CallerClaims.AdminRole));
        services.AddHostedService<AdminBootstrap>();
        services.AddSingleton<UiCallProof>();
        return services;
    }
}
