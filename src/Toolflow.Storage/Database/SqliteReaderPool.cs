using System.Collections.Concurrent;

namespace Toolflow.Storage.Database;

/// <summary>
/// Kept SQLite read connections, each with its prepared statements: a reader borrows one (or a
/// fresh one when all are out) and gives it back. At most <see cref="MaxKept"/> stay open; a burst
/// beyond that closes its extra connections on return.
/// </summary>
internal sealed class SqliteReaderPool : IAsyncDisposable
{
    private const int MaxKept = 8;
    private readonly ConcurrentBag<KeptSqliteConnection> _idle = [];
    private volatile bool _disposed;

    public KeptSqliteConnection Borrow(Func<CancellationToken, Task<System.Data.Common.DbConnection>> open) =>
        _idle.TryTake(out var kept) ? kept : new KeptSqliteConnection(open);

    /// <summary>Back to the pool; <paramref name="sound"/> false closes it (it failed mid-use).</summary>
    public async ValueTask ReturnAsync(KeptSqliteConnection kept, bool sound)
    {
        if (sound && !_disposed && _idle.Count < MaxKept)
        {
            _idle.Add(kept);
            return;
        }

        await kept.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var kept))
        {
            await kept.DisposeAsync();
        }
    }
}
