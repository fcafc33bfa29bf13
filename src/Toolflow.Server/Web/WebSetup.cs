using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Server.Web.Client;
using Toolflow.Server.Web.Components;
using Toolflow.Server.Web.KeyRing;
using Toolflow.Server.Web.Session;

namespace Toolflow.Server.Web;

/// <summary>
/// The web UI (ADR 0013): Blazor interactive server rendering at <c>/</c>, signed in by a cookie
/// session that holds the user's API key, talking to <c>/api/v1</c> through <see cref="ToolflowClient"/>.
/// The API's own bearer-key scheme stays the default; the cookie scheme is only named by the UI's endpoints,
/// so a browser cookie never authenticates an API call.
/// </summary>
internal static class WebSetup
{
    public static IServiceCollection AddToolflowWeb(this IServiceCollection services)
    {
        services.AddToolflowKeyRing();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAuthentication()
            .AddCookie(SessionCookie.SchemeName, SessionCookie.Configure);
        services.AddAuthorizationBuilder().AddPolicy(SessionCookie.PolicyName, SessionCookie.Policy);
        services.AddCascadingAuthenticationState();
        services.AddHttpClient(ToolflowClient.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.DefaultRequestHeaders.Add(Auth.UiCallProof.Header, sp.GetRequiredService<Auth.UiCallProof>().Value));
        services.AddSingleton<ApiAddress>();
        services.AddScoped<SessionKey>();
        services.AddScoped(sp => new ToolflowClient(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<ApiAddress>().Resolve, sp.GetRequiredService<SessionKey>().GetAsync));
        return services;
    }

    public static WebApplication MapToolflowWeb(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(SessionCookie.PolicyName);
        app.MapSessionEndpoints();

        // An address no page (and no API route) has: a browser gets the UI's "Not found" in the layout, with 404,
        // instead of the API's JSON 401 for a missing bearer key (signed out, it is asked to sign in first).
        // Paths under /api are left to the API, which answers them its own way.
        app.MapFallback("{first:regex(^(?!api$))}/{**rest}", () => new RazorComponentResult<App> { StatusCode = StatusCodes.Status404NotFound })
            .RequireAuthorization(SessionCookie.PolicyName);
        return app;
    }
}
