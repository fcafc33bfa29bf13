namespace Toolflow.Server.Hosting;

/// <summary>Builds the web application that <c>toolflow serve</c> runs.</summary>
internal static class ToolflowApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string? urls, string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.AddToolflowSources(args);
        var configured = urls ?? builder.Configuration["urls"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        builder.WebHost.UseUrls(string.IsNullOrWhiteSpace(configured) ? DefaultUrl : configured);

        var app = builder.Build();
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));
        return app;
    }
}
