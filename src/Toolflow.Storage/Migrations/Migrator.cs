using System.Data.Common;
using System.Globalization;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Migrations;

/// <summary>
/// Brings the schema to the latest embedded migration. Each migration runs once, in its own
/// transaction, together with its history row; the transaction first takes the migration lock
/// and then re-reads the history, so processes starting at once apply each script exactly once
/// (the later ones find it done). docs/adr/0002-migrations.md says why this is not a library.
/// </summary>
public sealed class Migrator(ToolflowDatabase database)
{
    private readonly ToolflowDatabase _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <summary>Applies every pending migration; throws <see cref="MigrationException"/> when it must not.</summary>
    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken)
    {
        var dialect = _database.Dialect;
        var known = MigrationCatalog.For(dialect);
        var applied = new List<AppliedMigration>();
        int? fromVersion = null;
        await using var connection = await _database.OpenAsync(cancellationToken);
        while (true)
        {
            await using var transaction = await BeginLockedAsync(connection, cancellationToken);
            await ExecuteAsync(connection, transaction, HistorySql.CreateTable(dialect), cancellationToken);
            var history = await ReadHistoryAsync(connection, transaction, cancellationToken);
            fromVersion ??= history.Count == 0 ? 0 : history.Keys.Max();
            Verify(history, known);

            var next = known.FirstOrDefault(m => !history.ContainsKey(m.Version));
            if (next is null)
            {
                await transaction.CommitAsync(cancellationToken);
                var toVersion = history.Count == 0 ? 0 : history.Keys.Max();
                return new MigrationReport(fromVersion.Value, toVersion, applied);
            }

            await ExecuteAsync(connection, transaction, next.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = HistorySql.Insert;
                AddParameter(record, "version", next.Version);
                AddParameter(record, "name", next.Name);
                AddParameter(record, "checksum", next.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            applied.Add(new AppliedMigration(next.Version, next.Name));
        }
    }

    /// <summary>The schema version of the database against this code's; never changes anything.</summary>
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var latest = MigrationCatalog.LatestVersion(_database.Dialect);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = HistorySql.TableExists(_database.Dialect);
        var exists = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        if (!exists)
        {
            return new SchemaStatus(0, latest);
        }

        command.CommandText = HistorySql.MaxVersion;
        var current = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return new SchemaStatus(current, latest);
    }

    private static void Verify(Dictionary<int, (string Name, string Checksum)> history, IReadOnlyList<Migration> known)
    {
        var latest = known[^1].Version;
        if (history.Count > 0 && history.Keys.Max() > latest)
        {
            throw new SchemaNewerThanCodeException(history.Keys.Max(), latest);
        }

        foreach (var migration in known)
        {
            if (history.TryGetValue(migration.Version, out var row) && row.Checksum != migration.Checksum)
            {
                throw new MigrationChecksumMismatchException(migration.Version, migration.Name);
            }
        }
    }

    private async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // SQLite: Microsoft.Data.Sqlite begins IMMEDIATE by default, taking the write lock now
        // (and waiting for it under busy_timeout) instead of on the first write.
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var lockSql = HistorySql.Lock(_database.Dialect);
        if (lockSql is not null)
        {
            await ExecuteAsync(connection, transaction, lockSql, cancellationToken);
        }

        return transaction;
    }

    private static async Task<Dictionary<int, (string Name, string Checksum)>> ReadHistoryAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var history = new Dictionary<int, (string, string)>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = HistorySql.Select;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            history[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = (reader.GetString(1), reader.GetString(2));
        }

        return history;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
