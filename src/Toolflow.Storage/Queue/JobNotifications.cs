using Npgsql;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Queue;

/// <summary>
/// One LISTEN connection per process on PostgreSQL (<c>toolflow_jobs</c>, raised by a trigger on
/// every job insert), so idle workers claim new work at once instead of at their next poll. The
/// connection is re-opened after a failure; until then workers simply poll.
/// </summary>
public sealed class JobNotifications(ToolflowDatabase database) : IAsyncDisposable
{
    public const string Channel = "toolflow_jobs";
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _listening;

    /// <summary>Returns at the next notification, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _listening ??= Task.Run(() => ListenAsync(_stop.Token));
        }

        await _signal.WaitAsync(timeout, cancellationToken);
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenAsync(stop);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                // Anything enqueued before LISTEN took effect is found by the next claim.
                Wake();
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

    private void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another notification got there first: one wake-up is enough.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_listening is not null)
        {
            await _listening.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
        _signal.Dispose();
    }
}
