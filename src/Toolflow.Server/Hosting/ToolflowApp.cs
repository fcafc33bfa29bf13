using Toolflow.Server.Auth;
using Toolflow.Server.Errors;
using Toolflow.Server.Health;
using Toolflow.Server.Operations;
using Toolflow.Server.Workers;

namespace Toolflow.Server.Hosting;

/// <summary>Builds the web application that <c>toolflow serve</c> runs.</summary>
internal static class ToolflowApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string? urls, string[] args)
    {
        // No reload of appsettings on change: it watches the working folder with its subfolders, ./data
        // included, so every SQLite write woke a file watcher (about 8% of the CPU of a busy server).
        // Toolflow reads its settings once, at start.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ApplicationName = typeof(ToolflowApp).Assembly.GetName().Name,
        });
        builder.Configuration.AddToolflowSources(args);
        var configured = urls ?? builder.Configuration["urls"];
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(configured) ? DefaultUrl : configured);
        builder.WebHost.UseStaticWebAssets(); // the UI's scripts from a plain build too, not only when published or in Development

        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        var forwarded = ForwardedHeadersSetup.Read(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = api.MaxRequestBodyBytes);
        builder.Services.AddSingleton(api);
        builder.Services.AddToolflowProblemDetails();
        builder.Services.AddToolflowTelemetry();
        builder.Services.AddToolflowDatabase(builder.Configuration.ReadDatabaseOptions());
        builder.Services.AddToolflowWorkers(builder.Configuration);
        builder.Services.AddToolflowApi(builder.Configuration);
        builder.Services.AddToolflowAuth();
        builder.Services.AddToolflowRateLimiting(api);
        builder.Services.AddToolflowBrowserParts();
        builder.Services.AddHostedService<StartupPages>();

        var app = builder.Build();
        if (forwarded is not null)
        {
            app.UseForwardedHeaders(forwarded); // first: everything after sees the client's address and scheme
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        // Operations are public; everything else falls under the API-key policy.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapGroup(string.Empty).AllowAnonymous().MapHealth();
        app.MapToolflowApi();
        app.MapToolflowBrowserParts();
        return app;
    }
}
