using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Toolflow.Storage.Database;
using Toolflow.Storage.Errors;

namespace Toolflow.Storage.Repositories;

/// <summary>
/// The one way repositories reach the database: a connection (and for writes a transaction) from
/// <see cref="ToolflowDatabase"/>, commands with dialect-aware parameters, and provider errors
/// translated to the typed storage errors on the way out.
/// </summary>
internal sealed class SqlSession(ToolflowDatabase database)
{
    public SqlDialect Dialect => database.Dialect;

    public bool IsPostgres => database.Dialect == SqlDialect.Postgres;

    public async Task<T> ReadAsync<T>(Func<Db, Task<T>> work, CancellationToken cancellationToken)
    {
        if (database.Dialect == SqlDialect.Sqlite)
        {
            return await ReadSqliteAsync(work, cancellationToken);
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            return await work(new Db(connection, null, Dialect, cancellationToken));
        }
        catch (DbException e)
        {
            throw StorageErrorTranslator.Translate(e);
        }
    }

    /// <summary>
    /// Writes in PostgreSQL's implicit transaction: no BEGIN and COMMIT round trips. The work must be
    /// one statement (data-modifying CTEs) or one batch (one implicit transaction), never several
    /// commands, which would each commit on their own. SQLite: an ordinary write transaction.
    /// </summary>
    public Task<T> StatementAsync<T>(Func<Db, Task<T>> work, CancellationToken cancellationToken) =>
        IsPostgres ? ReadAsync(work, cancellationToken) : WriteAsync(work, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: committed when it returns, rolled back when
    /// it throws. On SQLite the transaction is IMMEDIATE (takes the write lock at BEGIN), so two
    /// writers that read before writing queue behind busy_timeout instead of deadlocking.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<Db, Task<T>> work, CancellationToken cancellationToken)
    {
        if (database.WriteGate is not { } gate)
        {
            return await WriteCoreAsync(work, cancellationToken);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return await WriteCoreAsync(work, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<T> WriteCoreAsync<T>(Func<Db, Task<T>> work, CancellationToken cancellationToken)
    {
        if (database.SqliteWriter is { } writer)
        {
            return await WriteSqliteAsync(writer, work, cancellationToken);
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: false)
                : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var result = await work(new Db(connection, transaction, Dialect, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (DbException e)
        {
            throw StorageErrorTranslator.Translate(e);
        }
    }

    /// <summary>SQLite: on a kept read connection, its statements prepared once.</summary>
    private async Task<T> ReadSqliteAsync<T>(Func<Db, Task<T>> work, CancellationToken cancellationToken)
    {
        var kept = database.SqliteReaders.Borrow(database.OpenAsync);
        var sound = true;
        try
        {
            var connection = await kept.ConnectionAsync(cancellationToken);
            return await work(new Db(connection, null, Dialect, cancellationToken, kept));
        }
        catch (DbException e)
        {
            // SQLite itself failed: do not keep a connection that may be unsound.
            sound = false;
            throw StorageErrorTranslator.Translate(e);
        }
        finally
        {
            await database.SqliteReaders.ReturnAsync(kept, sound);
        }
    }

    /// <summary>SQLite: on the process's one writer connection, its statements kept prepared.</summary>
    private async Task<T> WriteSqliteAsync<T>(KeptSqliteConnection writer, Func<Db, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await writer.ConnectionAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(new Db(connection, transaction, Dialect, cancellationToken, writer));
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (SqliteException e)
        {
            // A constraint or a conflict leaves the connection sound; anything else may not have.
            if (e.SqliteErrorCode != 19)
            {
                await writer.ResetAsync();
            }

            throw StorageErrorTranslator.Translate(e);
        }
    }
}
