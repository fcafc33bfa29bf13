using System.Collections.Concurrent;
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

    // One meter and one pair of gauges per process, fed by every live host: OpenTelemetry keeps the
    // first instrument of a name, so gauges made per host (tests start many) would go quiet with it.
    private static readonly ConcurrentDictionary<DatabaseGauges, byte> Live = new();
    private static readonly Meter Meter = new(EngineTelemetry.Name + ".Database");
    private static readonly ObservableGauge<long> Executions = Meter.CreateObservableGauge(
        "toolflow.executions", () => Observe(g => g.counts.ExecutionsByStatus, "status", ExecutionStatuses), description: "Executions in the database, by status.");
    private static readonly ObservableGauge<long> QueueDepth = Meter.CreateObservableGauge(
        "toolflow.queue.depth", () => Observe(g => g.counts.JobsByState, "state", JobStates), description: "Jobs in the queue: ready, delayed, running, dead.");

    private readonly OperationalStats stats;
    private readonly TimeSpan interval;
    private readonly ILogger<DatabaseGauges> logger;
    private readonly string database;
    private volatile OperationalCounts counts = new(new Dictionary<string, long>(), new Dictionary<string, long>());

    public DatabaseGauges(OperationalStats stats, IConfiguration configuration, ILogger<DatabaseGauges> logger)
    {
        this.stats = stats;
        this.logger = logger;
        interval = configuration.GetValue("Telemetry:GaugeInterval", TimeSpan.FromSeconds(15));
        database = Guid.NewGuid().ToString("N")[..8];
    }

    /// <summary>The meter of these gauges, for OpenTelemetry's <c>AddMeter</c>.</summary>
    public static string InstrumentationName => Meter.Name;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Live[this] = 0;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Live.TryRemove(this, out _);
        await base.StopAsync(cancellationToken);
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

    // Every state is reported, zero included, so a dashboard's series do not come and go. With more
    // than one host in a process (tests), each host's series carries its own `source` label.
    private static IEnumerable<Measurement<long>> Observe(Func<DatabaseGauges, IReadOnlyDictionary<string, long>> pick, string tag, string[] known) =>
        Live.Keys.SelectMany(gauges =>
        {
            var values = pick(gauges);
            return known.Concat(values.Keys.Except(known, StringComparer.Ordinal)).Select(key => new Measurement<long>(
                values.GetValueOrDefault(key),
                new KeyValuePair<string, object?>(tag, key),
                new KeyValuePair<string, object?>("source", gauges.database)));
        });
}
