using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;

namespace Toolflow.Storage.Tests.Support;

/// <summary>Every schema object with its definition, as text, to compare a schema before and after.</summary>
internal static class SchemaSnapshot
{
    private const string Postgres = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
          FROM information_schema.columns WHERE table_schema = 'public'
        UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
        UNION ALL SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL SELECT 'trigger ' || tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
        UNION ALL SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public'
        UNION ALL SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
        UNION ALL SELECT 'history ' || version || ' ' || checksum FROM schema_migrations
        """;

    private const string Sqlite = """
        SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master
        UNION ALL SELECT 'history ' || version || ' ' || checksum FROM schema_migrations
        """;

    public static async Task<IReadOnlyList<string>> TakeAsync(ToolflowDatabase db)
    {
        var rows = await db.QueryAsync(db.Dialect == SqlDialect.Postgres ? Postgres : Sqlite);
        return rows.Select(r => (string)r.Values.Single()!).Order(StringComparer.Ordinal).ToList();
    }

    public static async Task<bool> TableExistsAsync(ToolflowDatabase db, string table)
    {
        var sql = db.Dialect == SqlDialect.Postgres
            ? "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = @table"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @table";
        return await db.CountAsync(sql, new { table }) == 1;
    }
}
