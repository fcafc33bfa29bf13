using Toolflow.Core.Execution.Durable;

namespace Toolflow.Engine.Durable;

/// <summary>Runs the sweeper every <see cref="DurableWorkerOptions.SweepInterval"/>, batch after batch while batches come back full.</summary>
public sealed class SweeperLoop(IExecutionSweeper sweeper, DurableWorkerOptions options, TimeProvider? time = null, IDurableWorkerObserver? observer = null)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time ?? TimeProvider.System);
        try
        {
            do
            {
                try
                {
                    while (await sweeper.SweepAsync(options.SweepBatchSize, stopping) >= options.SweepBatchSize)
                    {
                        // A full batch: more is due; go on at once.
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    (observer ?? SilentObserver.Instance).LoopFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
