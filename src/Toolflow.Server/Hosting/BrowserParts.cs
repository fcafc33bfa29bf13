#if !TOOLFLOW_HEADLESS
using Scalar.AspNetCore;
using Toolflow.Server.Web;
#else
using Toolflow.Server.Web.KeyRing;
#endif

namespace Toolflow.Server.Hosting;

/// <summary>
/// What a browser uses: the web UI, and the API's description (the OpenAPI document and its Scalar
/// reference page, both public). The headless native build has neither (docs/headless.md): Blazor Server
/// cannot be compiled ahead of time, and the description is read from a full build.
/// </summary>
internal static class BrowserParts
{
    public static IServiceCollection AddToolflowBrowserParts(this IServiceCollection services)
    {
#if TOOLFLOW_HEADLESS
        return services.AddToolflowKeyRing(); // public-link run tokens are sealed with Data Protection, which the UI sets up otherwise
#else
        return services.AddToolflowOpenApi().AddToolflowWeb();
#endif
    }

    public static WebApplication MapToolflowBrowserParts(this WebApplication app)
    {
#if !TOOLFLOW_HEADLESS
        app.UseAntiforgery();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapToolflowWeb();
#endif
        return app;
    }
}
