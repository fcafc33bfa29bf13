namespace Toolflow.LoadTest.Driving;

/// <summary>One client's samples (no locking: each client has its own), merged at the end.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double> milliseconds = [];

    public int Failures { get; private set; }

    /// <summary>Every operation this client finished, warm-up included (for CPU per operation).</summary>
    public int Operations { get; private set; }

    public void Count() => Operations++;

    public void Record(bool ok, TimeSpan latency)
    {
        if (ok)
        {
            milliseconds.Add(latency.TotalMilliseconds);
        }
        else
        {
            Failures++;
        }
    }

    public static LoadResult Combine(IEnumerable<LatencyRecorder> recorders, TimeSpan window)
    {
        var all = recorders.ToList();
        var samples = all.SelectMany(r => r.milliseconds).Order().ToArray();
        return new LoadResult(
            samples.Length, all.Sum(r => r.Failures), samples.Length / window.TotalSeconds,
            Percentile(samples, 0.50), Percentile(samples, 0.99), samples.Length == 0 ? 0 : samples[^1])
        {
            Operations = all.Sum(r => r.Operations),
        };
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>What one (scenario, database, clients) run measured.</summary>
public sealed record LoadResult(int Completed, int Failed, double PerSecond, double P50Ms, double P99Ms, double MaxMs)
{
    public long PeakWorkingSetBytes { get; init; }

    /// <summary>All operations of the run, warm-up included.</summary>
    public int Operations { get; init; }

    /// <summary>The server's CPU time (user + system, all cores) per operation over the whole run: the figure a busy shared machine distorts least.</summary>
    public double ServerCpuMsPerOperation { get; init; }
}
