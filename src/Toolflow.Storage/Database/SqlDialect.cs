namespace Toolflow.Storage.Database;

/// <summary>The two SQL dialects Toolflow speaks; each has its own migration scripts.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
