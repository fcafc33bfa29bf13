using System.Data.Common;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;

namespace Toolflow.Testing.Sql;

/// <summary>
/// Binds test values through the repositories' own binder, so one SQL text serves both dialects
/// exactly as in the product: a Guid is a uuid or its canonical string, a time is timestamptz or
/// ISO-8601 UTC text, a string[] is text[] or a JSON array, <see cref="SqlJson"/> is jsonb or text.
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
            command.Bind(dialect, property.Name, value is SqlJson json ? new JsonText(json.Text) : value);
        }
    }
}
