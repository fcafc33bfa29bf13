namespace Toolflow.Storage.Errors;

/// <summary>
/// A write broke a schema constraint. <see cref="ConstraintName"/> is the schema's name for it
/// (e.g. <c>template_ratings_stars_check</c>) when the database says it: always on PostgreSQL;
/// on SQLite for CHECK constraints and unique indexes, <c>table.column</c> for column uniqueness
/// and NOT NULL, and nothing for foreign keys (SQLite does not name them).
/// </summary>
public sealed class ConstraintViolationException : StorageException
{
    public ConstraintViolationException()
    {
    }

    public ConstraintViolationException(string message)
        : base(message)
    {
    }

    public ConstraintViolationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ConstraintViolationException(ConstraintKind kind, string? constraintName, string? tableName, Exception innerException)
        : base(Describe(kind, constraintName, tableName), innerException)
    {
        Kind = kind;
        ConstraintName = constraintName;
        TableName = tableName;
    }

    public ConstraintKind Kind { get; }

    public string? ConstraintName { get; }

    public string? TableName { get; }

    private static string Describe(ConstraintKind kind, string? constraintName, string? tableName)
    {
        var what = kind switch
        {
            ConstraintKind.Unique => "unique",
            ConstraintKind.ForeignKey => "foreign key",
            ConstraintKind.Check => "check",
            _ => "not-null",
        };
        var name = constraintName is null ? "" : $" '{constraintName}'";
        var table = tableName is null ? "" : $" on table '{tableName}'";
        return $"The write violates the {what} constraint{name}{table}.";
    }
}
