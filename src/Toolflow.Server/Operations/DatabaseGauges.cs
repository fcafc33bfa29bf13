using System.Diagnostics.Metrics;
using Toolflow.Engine.Telemetry;
using Toolflow.Storage.Operations;

namespace Toolflow.Server.Operations;

/// <summary>
/// <c>toolflow_executions{status}</c> and <c>toolflow_queue_depth{state}</c>: counted from the
/// database every <c>Telemetry:GaugeInterval</c> (15 s) in the background, so a scrape never waits
/// on SQL and many scrapers cost one query. Every process reports the same shared numbers.
/// </summary>
internal sealed class DatabaseGauges : BackgroundService
{
    private static readonly string[] ExecutionStatuses = ["queued", "running", "pausing", "paused", "waiting", "completed", "failed", "cancelled"];
    private static readonly string[] JobStates = ["ready", "delayed", "running", "dead"];
    private readonly OperationalStats stats;
    private readonly TimeSpan interval;
    private readonly ILogger<DatabaseGauges> logger;
    private volatile OperationalCounts counts = new(new Dictionary<string, long>(), new Dictionary<string, long>());

    public DatabaseGauges(OperationalStats stats, IConfiguration configuration, IMeterFactory meters, ILogger<DatabaseGauges> logger)
    {
        // From the host's meter factory, so the gauges end with the host (tests start many).
        var meter = meters.Create(EngineTelemetry.Name);
        this.stats = stats;
        this.logger = logger;
        interval = configuration.GetValue("Telemetry:GaugeInterval", TimeSpan.FromSeconds(15));
        meter.CreateObservableGauge("toolflow.executions", () => Measure(counts.ExecutionsByStatus, "status", ExecutionStatuses), description: "Executions in the database, by status.");
        meter.CreateObservableGauge("toolflow.queue.depth", () => Measure(counts.JobsByState, "state", JobStates), description: "Jobs in the queue: ready, delayed, running, dead.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first count waits one interval: at start the schema may still be migrating.
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                counts = await stats.ReadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database away for a moment leaves the last numbers in place; health checks say the rest.
                logger.LogWarning("Could not refresh the database gauges: {Error}", ex.GetType().Name);
            }
        }
    }

    // Every state is reported, zero included, so a dashboard's series do not come and go.
    private static IEnumerable<Measurement<long>> Measure(IReadOnlyDictionary<string, long> values, string tag, string[] known) =>
        known.Concat(values.Keys.Except(known, StringComparer.Ordinal))
            .Select(key => new Measurement<long>(values.GetValueOrDefault(key), new KeyValuePair<string, object?>(tag, key)));
}
