using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Toolflow.Server.Operations;

/// <summary>OpenTelemetry metrics (scraped as Prometheus text at <c>/metrics</c>) and traces.</summary>
internal static class TelemetrySetup
{
    /// <summary>The meter and activity source Toolflow's own instruments use.</summary>
    public const string InstrumentationName = Toolflow.Engine.Telemetry.EngineTelemetry.Name;

    /// <summary>The meter the .NET runtime publishes its metrics on (built in since .NET 9, in both builds).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    /// <summary>
    /// Label combinations kept per metric. OpenTelemetry allocates every metric's points up front, 2,000 by default:
    /// ≈ 140 KiB per metric, 5–6 MiB of large-object heap for the forty-odd metrics here. Toolflow's labels are few
    /// (route × method × status is the widest); a combination past the limit is counted under
    /// <c>otel_metric_overflow="true"</c>, not lost.
    /// </summary>
    public const int SeriesPerMetric = 500;

    public static IServiceCollection AddToolflowTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            // Names the service in target_info and on every trace (else "unknown_service:toolflow").
            .ConfigureResource(resource => resource.AddService("toolflow", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(InstrumentationName)
                .AddMeter(DatabaseGauges.InstrumentationName)
                // The runtime's own instruments (GC heap and committed memory, working set, thread pool): what an operator sizing a process looks at.
                .AddMeter(RuntimeMeterName)
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = SeriesPerMetric })
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
