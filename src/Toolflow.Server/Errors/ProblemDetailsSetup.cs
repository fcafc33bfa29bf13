using System.Diagnostics;

namespace Toolflow.Server.Errors;

/// <summary>Problem details everywhere: every error body names its status, and carries a trace id to find it in the log.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddToolflowProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= Operations.SecretPaths.Redact(context.HttpContext.Request.Path.Value);
            context.ProblemDetails.Type ??= ProblemTypes.For(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
