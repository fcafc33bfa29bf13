using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Toolflow.Storage.Complexity;

namespace Toolflow.Storage.Database;

/// <summary>What every SQLite connection Toolflow opens needs before its first statement.</summary>
internal static class SqliteConnectionSetup
{
    // WAL lets readers run beside the one writer; NORMAL sync is durable enough with WAL;
    // foreign keys are off by default in SQLite and are a per-connection switch.
    private const string Pragmas =
        "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];
    private static readonly object Marker = new();

    public static string BuildConnectionString(DatabaseOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(options.DataDirectory, "toolflow.db") }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.ForeignKeys = true;
        if (builder.Mode is SqliteOpenMode.ReadWriteCreate && !IsInMemory(builder.DataSource))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateDirectory.Ensure(folder);
            }
        }

        return builder.ToString();
    }

    public static async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // SQLite cannot say the complexity score in SQL: the application's own computation is
        // registered under the name PostgreSQL uses, so triggers and queries read the same.
        connection.CreateFunction<string?, int?>("workflow_complexity", DefinitionComplexity.FromJson, isDeterministic: true);

        // The pragmas are per native connection and survive its trips through the pool; a reused
        // handle already has them (journal_mode is even stored in the file). Set them once per handle.
        if (connection.Handle is { } handle && Configured.TryGetValue(handle, out _))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (connection.Handle is { } opened)
        {
            Configured.AddOrUpdate(opened, Marker);
        }
    }

    private static bool IsInMemory(string dataSource) =>
        string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file::memory:", StringComparison.Ordinal);
}
