using Toolflow.Engine;
using Toolflow.Engine.Durable;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Queue;
using Toolflow.Storage.Triggers;

namespace Toolflow.Server.Workers;

/// <summary>
/// The worker loop and the sweeper as one hosted service. Stopping waits for in-flight executions
/// up to <c>Workers:ShutdownDeadline</c>, then releases what is left: no lease survives a clean stop.
/// </summary>
internal sealed class WorkerService(
    WorkflowEngine engine, ExecutionLeases leases, ExecutionSweeper sweeper, ScheduleSweeper schedules, DatabaseExecutionStore store,
    DurableWorkerOptions options, TimeProvider time, WorkerLog log, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Workers start after the server is up (and after migrations, which run at start-up).
        await WaitForStartAsync(stoppingToken);
        log.Started(options.WorkerId, options.Concurrency);
        var worker = new DurableWorker(engine, leases, store, options, time, log);
        var sweep = new SweeperLoop(new SweeperSet(sweeper, schedules), options, time, log);
        await Task.WhenAll(worker.RunAsync(stoppingToken), sweep.RunAsync(stoppingToken));
        log.Stopped(options.WorkerId);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Give the drain its deadline (plus a margin) whatever the host's own shutdown timeout says.
        using var margin = new CancellationTokenSource(options.ShutdownDeadline + TimeSpan.FromSeconds(5));
        await base.StopAsync(margin.Token);
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
