using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Toolflow.QueueBench;

/// <summary>
/// The physical limit: single-row INSERT + COMMIT in a loop on 1, 2 or 4 connections, on a fresh
/// database of the same server (SQLite: the same pragmas Toolflow sets — WAL, synchronous=NORMAL).
/// </summary>
internal static class CommitRate
{
    public static async Task<double> MeasureAsync(Target target, int connections, TimeSpan duration)
    {
        var database = await target.NewAsync("commits");
        await using (var setup = await OpenAsync(target, database))
        {
            await ExecuteAsync(setup, null, target.IsPostgres
                ? "CREATE TABLE bench_commits (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())"
                : "CREATE TABLE bench_commits (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        }

        var commits = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            await using var connection = await OpenAsync(target, database);
            while (clock.Elapsed < duration)
            {
                await using var transaction = target.IsPostgres
                    ? await connection.BeginTransactionAsync()
                    : ((SqliteConnection)connection).BeginTransaction(deferred: false);
                await ExecuteAsync(connection, transaction, "INSERT INTO bench_commits DEFAULT VALUES");
                await transaction.CommitAsync();
                Interlocked.Increment(ref commits);
            }
        })));
        return commits / clock.Elapsed.TotalSeconds;
    }

    private static async Task<DbConnection> OpenAsync(Target target, string database)
    {
        DbConnection connection = target.IsPostgres
            ? new NpgsqlConnection(database)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        if (!target.IsPostgres)
        {
            await ExecuteAsync(connection, null, "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        }

        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
