namespace Toolflow.Server.Operations;

/// <summary>
/// ASP.NET Core's "Request starting … / Request finished …" lines (category
/// <c>Microsoft.AspNetCore.Hosting.Diagnostics</c>, Information) print the full request path, and a
/// path can be a credential: a webhook's id, a public link's token (<see cref="SecretPaths"/>). They
/// are written before any Toolflow code sees the request, so they cannot be redacted: Toolflow logs
/// that category from Warning up unless <c>Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics</c>
/// says otherwise. Request counts and durations stay in <c>/metrics</c>.
/// </summary>
internal static class RequestLogDefault
{
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IServiceCollection AddRequestLogDefault(this IServiceCollection services)
    {
        services.AddOptions<LoggerFilterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (configuration[$"Logging:LogLevel:{Category}"] is null)
            {
                options.Rules.Add(new LoggerFilterRule(null, Category, LogLevel.Warning, null));
            }
        });
        return services;
    }
}
