using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Toolflow.Server.Operations;

/// <summary>OpenTelemetry metrics (scraped as Prometheus text at <c>/metrics</c>) and traces.</summary>
internal static class TelemetrySetup
{
    /// <summary>The meter and activity source Toolflow's own instruments use.</summary>
    public const string InstrumentationName = Toolflow.Engine.Telemetry.EngineTelemetry.Name;

    public static IServiceCollection AddToolflowTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            // Names the service in target_info and on every trace (else "unknown_service:toolflow").
            .ConfigureResource(resource => resource.AddService("toolflow", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(InstrumentationName)
                .AddMeter(DatabaseGauges.InstrumentationName)
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = RedactPath)
                .AddSource(InstrumentationName));
        services.AddRequestLogDefault();
        services.AddSingleton(sp => new Toolflow.Storage.Operations.OperationalStats(
            sp.GetRequiredService<Toolflow.Storage.Database.ToolflowDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<DatabaseGauges>();
        return services;
    }

    /// <summary>A hook id or link token in the path must not reach a trace exporter (<see cref="SecretPaths"/>).</summary>
    private static void RedactPath(System.Diagnostics.Activity activity, HttpRequest request)
    {
        var path = request.Path.Value;
        var redacted = SecretPaths.Redact(path);
        if (!ReferenceEquals(path, redacted))
        {
            activity.SetTag("url.path", redacted);
        }
    }
}
