using Toolflow.Core.Execution.Durable;

namespace Toolflow.Engine.Durable;

public sealed partial class DurableWorker
{
    private async Task ProcessAsync(ExecutionLease lease, CancellationToken hardStop)
    {
        if (!store.TryHold(lease.ExecutionId, lease.Token))
        {
            // An older run of this execution is still here, past its lease and about to be refused;
            // the engine cannot run it twice at once, so give the job back for a little while.
            await TryAsync(() => leases.ReleaseAsync(lease, options.RetryDelay, CancellationToken.None));
            return;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
        using var beat = new CancellationTokenSource();
        var lost = new StrongBox();
        var heartbeat = HeartbeatAsync(lease, run, lost, beat.Token);
        try
        {
            var result = await engine.RunAsync(lease.ExecutionId, run.Token);
            await StopAsync(beat, heartbeat);
            if (!store.HandedBack(lease.ExecutionId, lease.Token))
            {
                await leases.FinishAsync(lease, result.Status, result.WakeAt, CancellationToken.None);
            }

            _observer.Finished(lease, result);
        }
        catch (Exception e) when (lost.Value || e is ExecutionLeaseLostException)
        {
            // Another worker owns the execution now; its writes win and ours were refused.
            _observer.LeaseLost(lease);
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            await StopAsync(beat, heartbeat);
            await leases.ReleaseAsync(lease, TimeSpan.Zero, CancellationToken.None);
            _observer.Released(lease);
        }
        catch (Exception e)
        {
            await StopAsync(beat, heartbeat);
            _observer.Crashed(lease, e);
            await TryAsync(() => leases.FailAsync(lease, e.Message, options.RetryDelay, CancellationToken.None));
        }
        finally
        {
            await StopAsync(beat, heartbeat);
            store.Drop(lease.ExecutionId, lease.Token);
        }
    }

    private async Task HeartbeatAsync(ExecutionLease lease, CancellationTokenSource run, StrongBox lost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                LeaseCheck check;
                try
                {
                    check = await leases.RenewAsync(lease, options.LeaseDuration, stop);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A missed beat is not a lost lease; the lease outlives several intervals.
                    _observer.LoopFailed(e);
                    continue;
                }

                switch (check)
                {
                    case LeaseCheck.Lost when store.HandedBack(lease.ExecutionId, lease.Token):
                        // The run ended and its last commit gave the lease back: nothing was lost.
                        return;
                    case LeaseCheck.Lost:
                        lost.Value = true;
                        await run.CancelAsync();
                        return;
                    case LeaseCheck.PauseRequested:
                        // Not PauseAsync: that records the request again, and would revive one a resume withdrew meanwhile.
                        engine.PauseRequested(lease.ExecutionId);
                        break;
                    case LeaseCheck.Held:
                        // A resume from another process may have taken the run from pausing back to running.
                        engine.MayHaveResumed(lease.ExecutionId);
                        break;
                    case LeaseCheck.CancelRequested:
                        await TryAsync(() => engine.CancelAsync(lease.ExecutionId, stop));
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    private static async Task StopAsync(CancellationTokenSource beat, Task heartbeat)
    {
        if (!beat.IsCancellationRequested)
        {
            await beat.CancelAsync();
        }

        await heartbeat;
    }

    private async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _observer.LoopFailed(e);
        }
    }

    private sealed class StrongBox
    {
        public volatile bool Value;
    }
}
