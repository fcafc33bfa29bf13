using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories;

/// <summary>
/// Binds a CLR value the way each dialect stores it (see the header of sql/sqlite/0001_initial.sql):
/// a Guid is uuid or its canonical text, a time timestamptz or ISO-8601 UTC text with milliseconds,
/// a string[] (Guid[]) text[] (uuid[]) or a JSON array, <see cref="JsonText"/> jsonb or TEXT, a bool boolean or 0/1.
/// </summary>
internal static class SqlParameterBinder
{
    public const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static DbCommand Bind(this DbCommand command, SqlDialect dialect, string name, object? value)
    {
        command.Parameters.Add(Parameter(command.CreateParameter(), dialect, name, value));
        return command;
    }

    /// <summary>The same binding for a command of a PostgreSQL batch.</summary>
    public static NpgsqlBatchCommand Bind(this NpgsqlBatchCommand command, string name, object? value)
    {
        command.Parameters.Add((NpgsqlParameter)Parameter(new NpgsqlParameter(), SqlDialect.Postgres, name, value));
        return command;
    }

    private static DbParameter Parameter(DbParameter parameter, SqlDialect dialect, string name, object? value)
    {
        if (dialect == SqlDialect.Postgres)
        {
            parameter.ParameterName = name;
            BindPostgres((NpgsqlParameter)parameter, value);
        }
        else
        {
            // Named as the SQL spells it: Microsoft.Data.Sqlite finds "@id" in a statement with one lookup, while a
            // bare "id" makes it try each prefix, converting the name to UTF-8 each time, for every statement of
            // the command — a fifth of all the bytes a webhook run allocated.
            parameter.ParameterName = name.Length > 0 && name[0] is '@' or '$' or ':' ? name : "@" + name;
            parameter.Value = ToSqlite(value);
        }

        return parameter;
    }

    private static void BindPostgres(NpgsqlParameter parameter, object? value)
    {
        switch (value)
        {
            case JsonText json:
                parameter.NpgsqlDbType = NpgsqlDbType.Jsonb;
                parameter.Value = json.Text;
                break;
            case DateTimeOffset time:
                parameter.NpgsqlDbType = NpgsqlDbType.TimestampTz;
                parameter.Value = time.UtcDateTime;
                break;
            case string[] list:
                parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
                parameter.Value = list;
                break;
            case Guid[] ids:
                parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid;
                parameter.Value = ids;
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
        JsonText json => json.Text,
        DateTimeOffset time => time.UtcDateTime.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture),
        string[] list => JsonSerializer.Serialize(list, StorageJson.Default.StringArray),
        Guid[] ids => JsonSerializer.Serialize(ids.Select(id => id.ToString("D")).ToArray(), StorageJson.Default.StringArray),
        bool flag => flag ? 1 : 0,
        decimal number => (double)number,
        _ => value,
    };
}
