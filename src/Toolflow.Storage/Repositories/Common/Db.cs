using System.Data.Common;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories;

/// <summary>
/// An open connection (and transaction, for writes) with small helpers for one-line commands. On
/// SQLite's writer connection (<paramref name="kept"/>) commands are kept prepared and reused, so
/// they are released with <see cref="ReleaseAsync"/>, never disposed by a caller.
/// </summary>
internal sealed class Db(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, CancellationToken cancellationToken, KeptSqliteConnection? kept = null)
{
    public SqlDialect Dialect => dialect;

    public bool IsPostgres => dialect == SqlDialect.Postgres;

    public CancellationToken CancellationToken => cancellationToken;

    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command;
        if (kept is not null)
        {
            command = kept.Command(sql, transaction);
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
        }

        foreach (var (name, value) in parameters)
        {
            command.Bind(dialect, name, value);
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await ReleaseAsync(command);
        }
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        }
        finally
        {
            await ReleaseAsync(command);
        }
    }

    public async Task<List<T>> ListAsync<T>(string sql, Func<RowReader, T> map, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await RowsAsync(reader, map);
        }
        finally
        {
            await ReleaseAsync(command);
        }
    }

    /// <summary>
    /// Two queries in one command (<paramref name="sql"/> holds both, separated by <c>;</c>) and
    /// their rows: on PostgreSQL one round trip.
    /// </summary>
    public async Task<(List<T1> First, List<T2> Second)> ListTwoAsync<T1, T2>(
        string sql, Func<RowReader, T1> first, Func<RowReader, T2> second, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var firstRows = await RowsAsync(reader, first);
            return (firstRows, await reader.NextResultAsync(cancellationToken) ? await RowsAsync(reader, second) : []);
        }
        finally
        {
            await ReleaseAsync(command);
        }
    }

    public async Task<T?> SingleOrDefaultAsync<T>(string sql, Func<RowReader, T> map, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await ListAsync(sql, map, parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// PostgreSQL: <paramref name="commands"/> in one round trip, run in order; outside an explicit
    /// transaction they are one implicit transaction, all or nothing. Returns the first command's
    /// rows and how many rows each command changed.
    /// </summary>
    public async Task<(List<T> Rows, int[] Changed)> BatchAsync<T>(
        Func<RowReader, T> map, params (string Sql, (string Name, object? Value)[] Parameters)[] commands)
    {
        await using var batch = Batch(commands);

        List<T> rows;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            rows = await RowsAsync(reader, map);
            while (await reader.NextResultAsync(cancellationToken))
            {
                // The later commands' rows are not asked for; their counts are on the batch commands.
            }
        }

        return (rows, [.. batch.BatchCommands.Cast<Npgsql.NpgsqlBatchCommand>().Select(c => c.RecordsAffected)]);
    }

    /// <summary>
    /// PostgreSQL: the commands as one batch (one round trip; without a transaction, one implicit
    /// transaction: all or nothing), and the rows of each, in order.
    /// </summary>
    public async Task<List<List<T>>> BatchEachAsync<T>(
        Func<RowReader, T> map, IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters)> commands)
    {
        await using var batch = Batch(commands);

        var results = new List<List<T>>(commands.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            results.Add(await RowsAsync(reader, map));
        }
        while (await reader.NextResultAsync(cancellationToken));

        return results;
    }

    private Npgsql.NpgsqlBatch Batch(IEnumerable<(string Sql, (string Name, object? Value)[] Parameters)> commands)
    {
        var batch = new Npgsql.NpgsqlBatch((Npgsql.NpgsqlConnection)connection, (Npgsql.NpgsqlTransaction?)transaction);
        foreach (var (sql, parameters) in commands)
        {
            var command = new Npgsql.NpgsqlBatchCommand(sql);
            foreach (var (name, value) in parameters)
            {
                command.Bind(name, value);
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>The rows of the reader's current result, each through <paramref name="map"/>.</summary>
    private async Task<List<T>> RowsAsync<T>(DbDataReader reader, Func<RowReader, T> map)
    {
        var rows = new List<T>();
        var row = new RowReader(reader, dialect);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(row));
        }

        return rows;
    }

    /// <summary>Disposes a command made for this call; a kept one stays prepared for the next.</summary>
    private ValueTask ReleaseAsync(DbCommand command) => kept is null ? command.DisposeAsync() : ValueTask.CompletedTask;
}
