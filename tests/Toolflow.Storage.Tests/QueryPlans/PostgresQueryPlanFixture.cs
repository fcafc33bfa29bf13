using Toolflow.Testing.Postgres;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.QueryPlans;

/// <summary>A PostgreSQL database holding 100,000 workflows and 100,000 jobs, analysed, for plan checks.</summary>
public sealed class PostgresQueryPlanFixture : IAsyncLifetime
{
    private readonly PostgresStoreFixture _store = new();

    public Guid SomeOwner { get; private set; }

    public Toolflow.Storage.Database.ToolflowDatabase Database => _store.Database;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        if (PostgresEnvironment.SkipReason is not null)
        {
            return;
        }

        var db = _store.Database;
        // md5(...)::uuid gives stable ids without round trips; the complexity trigger is
        // switched off while seeding because every definition here is the same empty one.
        await db.ExecuteAsync("""
            INSERT INTO users (id, email, display_name)
            SELECT md5('user' || g)::uuid, 'user' || g || '@example.org', 'User ' || g FROM generate_series(1, 1000) AS g;

            ALTER TABLE workflows DISABLE TRIGGER workflows_set_complexity;
            INSERT INTO workflows (owner_id, name, definition, status, tags, updated_at)
            SELECT md5('user' || (g % 1000 + 1))::uuid,
                   'workflow ' || g,
                   '{"name":"w","nodes":[],"edges":[]}'::jsonb,
                   (ARRAY['draft', 'active', 'paused', 'archived'])[g % 4 + 1],
                   ARRAY['tag' || (g % 50)],
                   now() - make_interval(secs => g)
              FROM generate_series(1, 100000) AS g;
            ALTER TABLE workflows ENABLE TRIGGER workflows_set_complexity;

            INSERT INTO jobs (kind, status, priority, run_at, attempts, finished_at)
            SELECT 'execute',
                   CASE WHEN g % 100 = 0 THEN 'queued' ELSE 'completed' END,
                   g % 3,
                   now() - make_interval(secs => g),
                   CASE WHEN g % 100 = 0 THEN 0 ELSE 1 END,
                   CASE WHEN g % 100 = 0 THEN NULL ELSE now() END
              FROM generate_series(1, 100000) AS g;

            ANALYZE;
            """);
        SomeOwner = SqlValues.AsGuid(await db.ScalarAsync("SELECT md5('user42')::uuid"));
    }

    public Task DisposeAsync() => _store.DisposeAsync();
}
