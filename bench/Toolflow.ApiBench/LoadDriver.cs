using System.Diagnostics;

namespace Toolflow.ApiBench;

/// <summary>Closed-loop load: <c>clients</c> callers, each sending its next request when the last one answered.</summary>
internal static class LoadDriver
{
    public sealed record Figures(double RequestsPerSecond, double P50Ms, double P99Ms, int Requests, int Failures);

    public static async Task<Figures> RunAsync(HttpClient http, int clients, TimeSpan duration, Func<HttpClient, Task<bool>> call)
    {
        // Warm-up: JIT, connection pools, query plans.
        var warm = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (DateTime.UtcNow < warm)
            {
                await call(http);
            }
        }));

        var latencies = new List<double>[clients];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                if (!await call(http))
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add((clock.Elapsed - started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Figures(all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length, failures);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
