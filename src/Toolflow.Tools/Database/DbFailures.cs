using Microsoft.Data.Sqlite;
using Npgsql;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Database;

/// <summary>
/// Types database errors. What may pass on its own (no connection, a serialization failure,
/// a deadlock, a busy file, a timeout) is retryable; what the query itself gets wrong
/// (syntax, constraints, types, permissions) is not.
/// </summary>
internal static class DbFailures
{
    public static ToolFailureException? Map(Exception ex, DbSecret secret, bool timedOut)
    {
        string Clean(string text) => SecretRedactor.Redact(text, secret.SecretValues());
        return ex switch
        {
            _ when timedOut => new("timeout", "the query did not finish within timeoutMs", retryable: true),
            OperationCanceledException => null,
            PostgresException pg => Postgres(pg, Clean),
            NpgsqlException npgsql when npgsql.InnerException is TimeoutException =>
                new("timeout", "the query did not finish within timeoutMs", retryable: true),
            NpgsqlException npgsql => new("db_connection", $"could not talk to PostgreSQL: {Clean(npgsql.Message)}", npgsql.IsTransient),
            SqliteException sqlite => Sqlite(sqlite, Clean),
            // Microsoft.Data.Sqlite reports unbound parameters this way.
            InvalidOperationException invalid when invalid.Message.Contains("parameter", StringComparison.OrdinalIgnoreCase) =>
                new("invalid_parameters", Clean(invalid.Message), retryable: false),
            _ => null,
        };
    }

    private static ToolFailureException Postgres(PostgresException ex, Func<string, string> clean)
    {
        var state = ex.SqlState;
        var (code, retryable) = state switch
        {
            "40001" or "40P01" => ("db_conflict", true),
            "57014" => ("timeout", true),
            "25006" => ("read_only", false),
            "28000" or "28P01" => ("db_auth", false),
            _ when state.StartsWith("23", StringComparison.Ordinal) => ("constraint_violation", false),
            _ when state.StartsWith("42", StringComparison.Ordinal) => ("sql_error", false),
            _ when state.StartsWith("22", StringComparison.Ordinal) => ("invalid_data", false),
            _ when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) ||
                   state.StartsWith("57P", StringComparison.Ordinal) || state == "55P03" => ("db_unavailable", true),
            _ => ("sql_error", ex.IsTransient),
        };

        var where = ex.Position > 0 ? $" (at character {ex.Position})" : string.Empty;
        return new ToolFailureException(code, $"PostgreSQL {state}: {clean(ex.MessageText)}{where}", retryable);
    }

    private static ToolFailureException Sqlite(SqliteException ex, Func<string, string> clean)
    {
        // The primary result code is the low byte; extended codes add detail above it.
        var (code, retryable) = (ex.SqliteErrorCode & 0xff) switch
        {
            5 or 6 => ("db_conflict", true),        // SQLITE_BUSY, SQLITE_LOCKED
            9 => ("timeout", true),                  // SQLITE_INTERRUPT
            8 => ("read_only", false),               // SQLITE_READONLY
            19 => ("constraint_violation", false),   // SQLITE_CONSTRAINT
            14 => ("db_connection", false),          // SQLITE_CANTOPEN: the file is missing or unreadable
            10 or 13 => ("db_unavailable", true),    // SQLITE_IOERR, SQLITE_FULL
            _ => ("sql_error", false),
        };
        return new ToolFailureException(code, $"SQLite: {clean(ex.Message)}", retryable);
    }
}
