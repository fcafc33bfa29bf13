using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.QueryPlans;

/// <summary>A SQLite file with 100,000 jobs and 10,000 workflows, analysed, for plan checks.</summary>
public sealed class SqliteQueryPlanFixture : IAsyncLifetime
{
    private readonly SqliteStoreFixture _store = new();

    public Toolflow.Storage.Database.ToolflowDatabase Database => _store.Database;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        var db = _store.Database;
        await db.ExecuteAsync("""
            WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 1000)
            INSERT INTO users (id, email, display_name)
            SELECT printf('00000000-0000-0000-0000-%012d', n), 'user' || n || '@example.org', 'User ' || n FROM g;

            WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 100000)
            INSERT INTO jobs (id, kind, status, priority, run_at, attempts)
            SELECT printf('00000000-0000-0000-0001-%012d', n), 'execute',
                   CASE WHEN n % 100 = 0 THEN 'queued' ELSE 'completed' END, n % 3,
                   strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || n || ' seconds'), 0
              FROM g;

            ANALYZE;
            """);
        // Workflows go in through the complexity trigger, which is the slow part: a tenth of the rows suffices here.
        await db.ExecuteAsync("""
            WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 10000)
            INSERT INTO workflows (id, owner_id, name, definition, status, updated_at)
            SELECT printf('00000000-0000-0000-0002-%012d', n), printf('00000000-0000-0000-0000-%012d', n % 1000 + 1),
                   'workflow ' || n, '{"name":"w","nodes":[],"edges":[]}',
                   CASE n % 4 WHEN 0 THEN 'draft' WHEN 1 THEN 'active' WHEN 2 THEN 'paused' ELSE 'archived' END,
                   strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || n || ' seconds')
              FROM g;

            ANALYZE;
            """);
    }

    public Task DisposeAsync() => _store.DisposeAsync();
}
