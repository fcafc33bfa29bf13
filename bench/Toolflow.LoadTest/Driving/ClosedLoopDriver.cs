using System.Diagnostics;
using Toolflow.LoadTest.Scenarios;

namespace Toolflow.LoadTest.Driving;

/// <summary>
/// N clients, each sending its next operation as soon as the previous one answered (a closed loop,
/// as the n8n figures were taken). Operations that start during the warm-up are not recorded; the
/// measured window is <c>duration</c> after it, and throughput is the operations that completed
/// inside it divided by its length.
/// </summary>
public static class ClosedLoopDriver
{
    public static async Task<LoadResult> RunAsync(
        IScenarioRun run, Uri baseAddress, int clients, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var recorders = Enumerable.Range(0, clients).Select(_ => new LatencyRecorder()).ToArray();
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(recorders.Select(recorder => Task.Run(
            async () =>
            {
                while (Stopwatch.GetTimestamp() < measureTo && !cancellationToken.IsCancellationRequested)
                {
                    var sent = Stopwatch.GetTimestamp();
                    bool ok;
                    try
                    {
                        ok = await run.SendAsync(client, cancellationToken);
                    }
                    catch (HttpRequestException)
                    {
                        ok = false;
                    }

                    var answered = Stopwatch.GetTimestamp();
                    recorder.Count();
                    if (sent >= measureFrom && answered <= measureTo)
                    {
                        recorder.Record(ok, Stopwatch.GetElapsedTime(sent, answered));
                    }
                }
            },
            cancellationToken)));
        return LatencyRecorder.Combine(recorders, duration);
    }
}
