using System.Globalization;
using System.Threading.Channels;
using Npgsql;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// LISTENs on <c>toolflow_events</c> (PostgreSQL only) and yields <c>(executionId, sequence)</c> for
/// every event any process commits. Reconnects after a failure; events committed while
/// disconnected are not announced (a stream that cares replays from the log by sequence).
/// </summary>
public sealed class EventNotifications(ToolflowDatabase database)
{
    public async Task ListenAsync(ChannelWriter<(Guid ExecutionId, long Sequence)> announced, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(announced);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenAsync(stop);
                connection.Notification += (_, e) =>
                {
                    var colon = e.Payload.LastIndexOf(':');
                    if (colon > 0 && Guid.TryParse(e.Payload.AsSpan(0, colon), out var id)
                        && long.TryParse(e.Payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
                    {
                        announced.TryWrite((id, sequence));
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {EventRows.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stop);
                    }
                }
                finally
                {
                    await Listening.StopAsync(connection);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
