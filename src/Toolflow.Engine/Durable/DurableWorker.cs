using System.Collections.Concurrent;
using Toolflow.Core.Execution.Durable;

namespace Toolflow.Engine.Durable;

/// <summary>
/// The worker loop: claims as many execution jobs as it has free slots, runs each with the engine
/// under a heartbeated lease, and hands it back (finished, waiting, paused) — a waiting or paused
/// execution holds no job and no thread. On stop it claims nothing more, lets in-flight runs go on
/// until the shutdown deadline, then cancels them and releases their jobs.
/// </summary>
public sealed partial class DurableWorker(
    WorkflowEngine engine, IExecutionLeases leases, ILeaseFencedStore store, DurableWorkerOptions options,
    TimeProvider? time = null, IDurableWorkerObserver? observer = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly IDurableWorkerObserver _observer = observer ?? SilentObserver.Instance;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var hardStop = new CancellationTokenSource();
        using var slots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        var inFlight = new ConcurrentDictionary<Guid, Task>();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await slots.WaitAsync(stopping);
                var free = 1;
                while (slots.Wait(0))
                {
                    free++;
                }

                var claimed = await ClaimAsync(free, stopping);
                if (free > claimed.Count)
                {
                    slots.Release(free - claimed.Count);
                }

                if (claimed.Count == 0)
                {
                    await leases.WaitForWorkAsync(options.PollInterval, stopping);
                    continue;
                }

                foreach (var lease in claimed)
                {
                    inFlight[lease.JobId] = Task.Run(async () =>
                    {
                        try
                        {
                            await ProcessAsync(lease, hardStop.Token);
                        }
                        finally
                        {
                            inFlight.TryRemove(lease.JobId, out _);
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Graceful stop: fall through to drain.
        }

        var all = Task.WhenAll(inFlight.Values);
        if (await Task.WhenAny(all, Task.Delay(options.ShutdownDeadline, _time, CancellationToken.None)) != all)
        {
            await hardStop.CancelAsync();
        }

        await all;
    }

    private async Task<IReadOnlyList<ExecutionLease>> ClaimAsync(int free, CancellationToken stopping)
    {
        try
        {
            var timer = System.Diagnostics.Stopwatch.StartNew();
            var claimed = await leases.ClaimAsync(options.WorkerId, free, options.LeaseDuration, stopping);
            Telemetry.EngineTelemetry.ClaimDuration.Record(timer.Elapsed.TotalMilliseconds);
            var now = _time.GetUtcNow();
            foreach (var lease in claimed)
            {
                if (lease.ReadyAt is { } ready)
                {
                    Telemetry.EngineTelemetry.QueueWait.Record(Math.Max(0, (now - ready).TotalMilliseconds));
                }
            }

            return claimed;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is away (restart, network): say so, and try again at the next poll.
            _observer.LoopFailed(e);
            return [];
        }
    }
}
