using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Toolflow.Storage.Database;

namespace Toolflow.Testing.Sql;

/// <summary>
/// Binds test values the way each dialect stores them, so one SQL text serves both: a Guid is a
/// uuid or its canonical string, a time is timestamptz or ISO-8601 UTC text, a string[] is text[]
/// or a JSON array, <see cref="SqlJson"/> is jsonb or text.
/// </summary>
internal static class SqlParameters
{
    public static void Add(DbCommand command, SqlDialect dialect, object? args)
    {
        if (args is null)
        {
            return;
        }

        foreach (var property in args.GetType().GetProperties())
        {
            var value = property.GetValue(args);
            var parameter = command.CreateParameter();
            parameter.ParameterName = property.Name;
            if (dialect == SqlDialect.Postgres)
            {
                BindPostgres((NpgsqlParameter)parameter, value);
            }
            else
            {
                parameter.Value = ToSqlite(value);
            }

            command.Parameters.Add(parameter);
        }
    }

    private static void BindPostgres(NpgsqlParameter parameter, object? value)
    {
        switch (value)
        {
            case SqlJson json:
                parameter.NpgsqlDbType = NpgsqlDbType.Jsonb;
                parameter.Value = json.Text;
                break;
            case DateTimeOffset time:
                parameter.Value = time.UtcDateTime;
                break;
            default:
                parameter.Value = value ?? DBNull.Value;
                break;
        }
    }

    private static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        Guid id => id.ToString("D"),
        SqlJson json => json.Text,
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        string[] list => JsonSerializer.Serialize(list),
        bool flag => flag ? 1 : 0,
        _ => value,
    };
}
