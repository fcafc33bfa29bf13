using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Toolflow.Storage.Database;

/// <summary>
/// Opens connections to Toolflow's database, whichever dialect it is. One instance per process:
/// on PostgreSQL it owns the <see cref="NpgsqlDataSource"/> (and so the connection pool).
/// </summary>
public sealed class ToolflowDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    private ToolflowDatabase(SqlDialect dialect, NpgsqlDataSource? postgres, string? sqliteConnectionString)
    {
        Dialect = dialect;
        WriteGate = dialect == SqlDialect.Sqlite ? new SemaphoreSlim(1, 1) : null;
        SqliteWriter = dialect == SqlDialect.Sqlite ? new KeptSqliteConnection(OpenAsync) : null;
        _postgres = postgres;
        _sqliteConnectionString = sqliteConnectionString;
    }

    public SqlDialect Dialect { get; }

    /// <summary>
    /// SQLite has one writer at a time. Left to SQLite, concurrent writers of this process wait in its
    /// busy handler, which sleeps with growing back-off (up to 100 ms a try) and so adds latency
    /// spikes under load; queueing them here, first come first served, hands the lock over at once.
    /// Other processes on the same file still meet busy_timeout. Null on PostgreSQL.
    /// </summary>
    internal SemaphoreSlim? WriteGate { get; }

    /// <summary>SQLite: the connection writes go through, used under <see cref="WriteGate"/>. Null on PostgreSQL.</summary>
    internal KeptSqliteConnection? SqliteWriter { get; }

    /// <summary>SQLite: kept read connections (readers run beside the writer in WAL mode). Empty on PostgreSQL.</summary>
    internal SqliteReaderPool SqliteReaders { get; } = new();

    /// <summary>Validates <paramref name="options"/> and prepares the connection factory (no I/O yet).</summary>
    public static ToolflowDatabase Create(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new SettingsException(string.Join(" ", problems));
        }

        return options.GetDialect() switch
        {
            SqlDialect.Postgres => new ToolflowDatabase(SqlDialect.Postgres, NpgsqlDataSource.Create(PostgresConnectionString(options.ConnectionString!)), null),
            _ => new ToolflowDatabase(SqlDialect.Sqlite, null, SqliteConnectionSetup.BuildConnectionString(options)),
        };
    }

    /// <summary>
    /// The operator's connection string, with two Npgsql settings on unless they chose otherwise:
    /// automatic preparation (the engine sends the same few statements thousands of times a second,
    /// and a prepared statement skips PostgreSQL's parse and plan), and no session reset when a pooled
    /// connection is reused (four reset statements per borrow, for state Toolflow never leaves behind:
    /// its locks and settings are transaction-scoped, and its LISTEN connections UNLISTEN before they
    /// go back; docs/operations.md).
    /// </summary>
    internal static string PostgresConnectionString(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        static bool Names(string text, params string[] keys) => keys.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));
        if (!Names(configured, "Auto Prepare", "AutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Names(configured, "Reset On Close", "ResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>An open connection, ready to use (SQLite pragmas and functions applied).</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteConnectionSetup.ConfigureAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (SqliteWriter is not null)
        {
            await SqliteWriter.DisposeAsync();
        }

        await SqliteReaders.DisposeAsync();

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
