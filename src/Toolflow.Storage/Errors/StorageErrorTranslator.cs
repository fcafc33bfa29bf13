using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Toolflow.Storage.Errors;

/// <summary>
/// Turns provider exceptions into the typed storage errors, so callers never match SQLSTATEs,
/// SQLite codes or message text themselves. Looks through inner exceptions (EF Core wraps them).
/// </summary>
public static partial class StorageErrorTranslator
{
    // SQLite extended result codes (https://sqlite.org/rescode.html).
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintCheck = 275;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintNotNull = 1299;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>The typed error for <paramref name="exception"/>, or null when it is not a constraint violation.</summary>
    public static bool TryTranslate(Exception exception, [NotNullWhen(true)] out ConstraintViolationException? violation)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            violation = current switch
            {
                PostgresException postgres => FromPostgres(postgres),
                SqliteException sqlite => FromSqlite(sqlite),
                _ => null,
            };
            if (violation is not null)
            {
                return true;
            }
        }

        violation = null;
        return false;
    }

    /// <summary>The typed error for a database exception: a constraint violation or a plain <see cref="StorageException"/>.</summary>
    public static StorageException Translate(DbException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return TryTranslate(exception, out var violation)
            ? violation
            : new StorageException(exception.Message, exception);
    }

    private static ConstraintViolationException? FromPostgres(PostgresException e)
    {
        ConstraintKind? kind = e.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => ConstraintKind.Unique,
            PostgresErrorCodes.ForeignKeyViolation => ConstraintKind.ForeignKey,
            PostgresErrorCodes.CheckViolation => ConstraintKind.Check,
            PostgresErrorCodes.NotNullViolation => ConstraintKind.NotNull,
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }

        var name = e.ConstraintName ?? (e.ColumnName is null ? null : $"{e.TableName}.{e.ColumnName}");
        return new ConstraintViolationException(kind.Value, name, e.TableName, e);
    }

    private static ConstraintViolationException? FromSqlite(SqliteException e)
    {
        ConstraintKind? kind = e.SqliteExtendedErrorCode switch
        {
            SqliteConstraintUnique or SqliteConstraintPrimaryKey => ConstraintKind.Unique,
            SqliteConstraintForeignKey => ConstraintKind.ForeignKey,
            SqliteConstraintCheck => ConstraintKind.Check,
            SqliteConstraintNotNull => ConstraintKind.NotNull,
            _ => null,
        };

        // ON DELETE RESTRICT reports a different extended code (SQLITE_CONSTRAINT_TRIGGER in
        // some builds): the message is all there is.
        if (kind is null && e.SqliteErrorCode == SqliteConstraint
            && e.Message.Contains("FOREIGN KEY constraint failed", StringComparison.Ordinal))
        {
            kind = ConstraintKind.ForeignKey;
        }

        if (kind is null)
        {
            return null;
        }

        // "SQLite Error 19: 'CHECK constraint failed: users_role_check'." and the like.
        var match = SqliteDetail().Match(e.Message);
        string? name = null;
        string? table = null;
        if (match.Success)
        {
            var detail = match.Groups["detail"].Value;
            var index = SqliteIndexName().Match(detail);
            name = index.Success ? index.Groups["name"].Value : detail.Split(',')[0].Trim();
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            table = !index.Success && dot > 0 ? name[..dot] : null;
        }

        return new ConstraintViolationException(kind.Value, string.IsNullOrEmpty(name) ? null : name, table, e);
    }

    [GeneratedRegex(@"constraint failed: (?<detail>.+?)'?\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex SqliteDetail();

    [GeneratedRegex(@"^index '(?<name>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex SqliteIndexName();
}
