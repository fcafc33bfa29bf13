using System.Data.Common;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories;

/// <summary>An open connection (and transaction, for writes) with small helpers for one-line commands.</summary>
internal sealed class Db(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, CancellationToken cancellationToken)
{
    public SqlDialect Dialect => dialect;

    public bool IsPostgres => dialect == SqlDialect.Postgres;

    public CancellationToken CancellationToken => cancellationToken;

    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Bind(dialect, name, value);
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public Task<List<T>> ListAsync<T>(string sql, Func<RowReader, T> map, params (string Name, object? Value)[] parameters) =>
        ListAsync(Command(sql, parameters), map);

    public async Task<List<T>> ListAsync<T>(DbCommand command, Func<RowReader, T> map)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            var row = new RowReader(reader, dialect);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(row));
            }

            return rows;
        }
    }

    public async Task<T?> SingleOrDefaultAsync<T>(string sql, Func<RowReader, T> map, params (string Name, object? Value)[] parameters)
        where T : class
    {
        var rows = await ListAsync(Command(sql, parameters), map);
        return rows.Count == 0 ? null : rows[0];
    }
}
