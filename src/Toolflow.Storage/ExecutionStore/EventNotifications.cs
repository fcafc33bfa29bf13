using System.Globalization;
using System.Threading.Channels;
using Npgsql;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// LISTENs on <c>toolflow_events</c> (PostgreSQL only) and yields <c>(executionId, sequence)</c> for
/// every event any process commits (a commit announces its range in one notification). Reconnects
/// after a failure; events committed while disconnected are not announced (a stream that cares
/// replays from the log by sequence).
/// </summary>
public sealed class EventNotifications(ToolflowDatabase database)
{
    /// <summary>
    /// <c>executionId:first-last</c> (one notification per commit) or <c>executionId:sequence</c>
    /// (one per event, as processes of an older version send): every sequence in it is announced.
    /// </summary>
    internal static void Announce(string payload, ChannelWriter<(Guid ExecutionId, long Sequence)> announced)
    {
        var colon = payload.LastIndexOf(':');
        if (colon <= 0 || !Guid.TryParse(payload.AsSpan(0, colon), out var id))
        {
            return;
        }

        var range = payload.AsSpan(colon + 1);
        var dash = range.IndexOf('-');
        var firstText = dash < 0 ? range : range[..dash];
        var lastText = dash < 0 ? range : range[(dash + 1)..];
        if (long.TryParse(firstText, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(lastText, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first <= last && last - first < 10_000)
        {
            for (var sequence = first; sequence <= last; sequence++)
            {
                announced.TryWrite((id, sequence));
            }
        }
    }

    public async Task ListenAsync(ChannelWriter<(Guid ExecutionId, long Sequence)> announced, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(announced);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenAsync(stop);
                connection.Notification += (_, e) => Announce(e.Payload, announced);
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
