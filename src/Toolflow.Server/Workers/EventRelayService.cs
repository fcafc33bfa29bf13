using System.Threading.Channels;
using Toolflow.Engine.Events;
using Toolflow.Storage.Database;
using Toolflow.Storage.ExecutionStore;

namespace Toolflow.Server.Workers;

/// <summary>
/// Turns events committed by other processes into publications on this process's event hub, so an
/// API process streams executions run anywhere. PostgreSQL only (SQLite has one process). Events
/// of executions this process runs are skipped: its engine already published them. So are all
/// events while nobody in this process listens (no stream, socket or waiting webhook): with N
/// processes each commit would otherwise be read back by N − 1 of them, for nobody. A subscriber
/// that arrives later replays what it missed from the log by sequence.
/// </summary>
internal sealed class EventRelayService(
    ToolflowDatabase database, DatabaseExecutionStore store, ExecutionEventLog log, ExecutionEventHub hub, WorkerLog workerLog) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Dialect != SqlDialect.Postgres)
        {
            return;
        }

        var announced = Channel.CreateBounded<(Guid ExecutionId, long Sequence)>(
            new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var listening = new EventNotifications(database).ListenAsync(announced.Writer, stoppingToken);
        try
        {
            while (await announced.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<(Guid ExecutionId, long Sequence)>();
                while (batch.Count < 1000 && announced.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                foreach (var group in batch.GroupBy(b => b.ExecutionId))
                {
                    await RelayAsync(group.Key, group.Min(g => g.Sequence), group.Max(g => g.Sequence), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await listening;
    }

    private async Task RelayAsync(Guid executionId, long first, long last, CancellationToken stoppingToken)
    {
        if (hub.SubscriberCount == 0 || store.Holds(executionId.ToString("D")))
        {
            return;
        }

        try
        {
            var events = await log.ReadAsync(executionId, first - 1, last, cancellationToken: stoppingToken);
            if (events.Count > 0)
            {
                await hub.PublishAsync(events, stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            workerLog.LoopFailed(e);
        }
    }
}
