using Toolflow.Storage.Database;

namespace Toolflow.Storage.Migrations;

/// <summary>The dialect-specific statements the migrator needs around the scripts themselves.</summary>
internal static class HistorySql
{
    // "Toolflow" in ASCII: the advisory lock key every Toolflow process agrees on.
    private const long PostgresLockKey = 0x546F6F6C666C6F77;

    /// <summary>
    /// Serialises migrators across processes for the rest of the transaction: PostgreSQL takes a
    /// transaction-scoped advisory lock; SQLite already holds the write lock (BEGIN IMMEDIATE).
    /// </summary>
    public static string? Lock(SqlDialect dialect) => dialect == SqlDialect.Postgres
        ? $"SELECT pg_advisory_xact_lock({PostgresLockKey})"
        : null;

    public static string CreateTable(SqlDialect dialect) => dialect == SqlDialect.Postgres
        ? """
          CREATE TABLE IF NOT EXISTS schema_migrations (
              version    integer     NOT NULL PRIMARY KEY,
              name       text        NOT NULL,
              checksum   text        NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now()
          )
          """
        : """
          CREATE TABLE IF NOT EXISTS schema_migrations (
              version    INTEGER NOT NULL PRIMARY KEY,
              name       TEXT    NOT NULL,
              checksum   TEXT    NOT NULL,
              applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
          ) STRICT
          """;

    public static string TableExists(SqlDialect dialect) => dialect == SqlDialect.Postgres
        ? "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"
        : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

    public const string Select = "SELECT version, name, checksum FROM schema_migrations ORDER BY version";

    public const string MaxVersion = "SELECT coalesce(max(version), 0) FROM schema_migrations";

    public const string Insert = "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)";
}
