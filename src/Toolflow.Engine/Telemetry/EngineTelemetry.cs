using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Toolflow.Engine.Telemetry;

/// <summary>
/// The engine's spans and instruments, under one name a host subscribes to (OpenTelemetry's
/// <c>AddSource</c>/<c>AddMeter</c>). Plain System.Diagnostics: the engine knows no exporter.
/// </summary>
public static class EngineTelemetry
{
    public const string Name = "Toolflow";

    internal static readonly ActivitySource Source = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Histogram<double> NodeDuration = Meter.CreateHistogram<double>(
        "toolflow.node.duration", unit: "ms", description: "How long a node took, all attempts and forEach items together, by tool and outcome.");

    internal static readonly Counter<long> ExecutionsFinished = Meter.CreateCounter<long>(
        "toolflow.executions.finished", description: "Executions that reached a final status, by status.");

    internal static readonly Histogram<double> ClaimDuration = Meter.CreateHistogram<double>(
        "toolflow.queue.claim.duration", unit: "ms", description: "One claim of execution jobs by a worker: the database round trip.");

    internal static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "toolflow.queue.wait", unit: "ms", description: "From the moment a job could run to the moment a worker claimed it.");
}
