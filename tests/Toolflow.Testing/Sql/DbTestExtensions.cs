using System.Data.Common;
using Toolflow.Storage.Database;
using Toolflow.Storage.Errors;

namespace Toolflow.Testing.Sql;

/// <summary>
/// Raw SQL for tests, through the same connection factory and error translation the product
/// uses: a constraint violation surfaces as <see cref="ConstraintViolationException"/>.
/// Parameters come from an anonymous object (<c>new { id, name = "x" }</c> for <c>@id</c>, <c>@name</c>).
/// </summary>
public static class DbTestExtensions
{
    public static async Task<int> ExecuteAsync(this ToolflowDatabase database, string sql, object? args = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = Prepare(connection, database.Dialect, sql, args);
        try
        {
            return await command.ExecuteNonQueryAsync();
        }
        catch (DbException e)
        {
            throw StorageErrorTranslator.Translate(e);
        }
    }

    public static async Task<object?> ScalarAsync(this ToolflowDatabase database, string sql, object? args = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = Prepare(connection, database.Dialect, sql, args);
        try
        {
            var value = await command.ExecuteScalarAsync();
            return value is DBNull ? null : value;
        }
        catch (DbException e)
        {
            throw StorageErrorTranslator.Translate(e);
        }
    }

    public static async Task<long> CountAsync(this ToolflowDatabase database, string sql, object? args = null) =>
        SqlValues.AsLong(await database.ScalarAsync(sql, args));

    /// <summary>Every row as column name → value (DBNull becomes null).</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> QueryAsync(
        this ToolflowDatabase database, string sql, object? args = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = Prepare(connection, database.Dialect, sql, args);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }
        }
        catch (DbException e)
        {
            throw StorageErrorTranslator.Translate(e);
        }

        return rows;
    }

    private static DbCommand Prepare(DbConnection connection, SqlDialect dialect, string sql, object? args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 120;
        SqlParameters.Add(command, dialect, args);
        return command;
    }
}
