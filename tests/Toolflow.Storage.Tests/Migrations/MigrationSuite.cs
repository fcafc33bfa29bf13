using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Migrations;

public abstract class MigrationSuite(StoreFixture store)
{
    private static readonly string[] Tables =
    [
        "users", "api_keys", "workflows", "workflow_versions", "workflow_executions", "executions", "tool_instances",
        "credentials", "jobs", "workflow_templates", "template_ratings", "workflow_shares", "audit_log", "schema_migrations",
    ];

    [StoreFact]
    public async Task Migrate_OnEmptyDatabase_AppliesEveryMigrationInOrderAndCreatesEveryTable()
    {
        await using var db = ToolflowDatabase.Create(await store.CreateEmptyDatabaseAsync());
        var known = MigrationCatalog.For(store.Dialect);

        var report = await new Migrator(db).MigrateAsync(CancellationToken.None);

        Assert.Equal(0, report.FromVersion);
        Assert.Equal(known[^1].Version, report.ToVersion);
        Assert.Equal(known.Select(m => (m.Version, m.Name)), report.Applied.Select(a => (a.Version, a.Name)));
        foreach (var table in Tables)
        {
            Assert.True(await SchemaSnapshot.TableExistsAsync(db, table), $"table {table} is missing");
        }

        var status = await new Migrator(db).GetStatusAsync(CancellationToken.None);
        Assert.True(status.IsCurrent);
        Assert.False(status.IsNewerThanCode);
    }

    [StoreFact]
    public async Task Migrate_Again_AppliesNothingAndLeavesTheSchemaUnchanged()
    {
        await using var db = ToolflowDatabase.Create(await store.CreateEmptyDatabaseAsync());
        await new Migrator(db).MigrateAsync(CancellationToken.None);
        var before = await SchemaSnapshot.TakeAsync(db);

        var report = await new Migrator(db).MigrateAsync(CancellationToken.None);

        Assert.False(report.AppliedAny);
        Assert.Equal(report.FromVersion, report.ToVersion);
        Assert.Equal(before, await SchemaSnapshot.TakeAsync(db));
    }

    [StoreFact]
    public async Task Migrate_BySeveralMigratorsAtOnce_AllSucceedAndEachMigrationRunsOnce()
    {
        var options = await store.CreateEmptyDatabaseAsync();
        var known = MigrationCatalog.For(store.Dialect);

        // Separate factories: separate pools and sessions, as separate processes would have.
        var reports = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var db = ToolflowDatabase.Create(options);
            return await new Migrator(db).MigrateAsync(CancellationToken.None);
        })));

        Assert.All(reports, r => Assert.Equal(known[^1].Version, r.ToVersion));
        Assert.Equal(known.Select(m => m.Version), reports.SelectMany(r => r.Applied).Select(a => a.Version).Order());
        await using var check = ToolflowDatabase.Create(options);
        Assert.Equal(known.Count, await check.CountAsync("SELECT count(*) FROM schema_migrations"));
    }

    [StoreFact]
    public async Task Migrate_WhenTheSchemaIsNewerThanTheCode_RefusesWithATypedErrorAndChangesNothing()
    {
        await using var db = ToolflowDatabase.Create(await store.CreateEmptyDatabaseAsync());
        await new Migrator(db).MigrateAsync(CancellationToken.None);
        var latest = MigrationCatalog.LatestVersion(store.Dialect);
        await db.ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, 'from_the_future', 'x')",
            new { version = latest + 1 });
        var before = await SchemaSnapshot.TakeAsync(db);

        var error = await Assert.ThrowsAsync<SchemaNewerThanCodeException>(() => new Migrator(db).MigrateAsync(CancellationToken.None));

        Assert.Equal(latest + 1, error.DatabaseVersion);
        Assert.Equal(latest, error.CodeVersion);
        Assert.Contains("newer Toolflow", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await SchemaSnapshot.TakeAsync(db));
        var status = await new Migrator(db).GetStatusAsync(CancellationToken.None);
        Assert.True(status.IsNewerThanCode);
        Assert.False(status.IsCurrent);
    }

    [StoreFact]
    public async Task Migrate_WhenAnAppliedScriptWasEdited_RefusesWithAChecksumError()
    {
        await using var db = ToolflowDatabase.Create(await store.CreateEmptyDatabaseAsync());
        await new Migrator(db).MigrateAsync(CancellationToken.None);
        await db.ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Assert.ThrowsAsync<MigrationChecksumMismatchException>(() => new Migrator(db).MigrateAsync(CancellationToken.None));

        Assert.Equal(1, error.Version);
    }

    [StoreFact]
    public async Task GetStatus_OnEmptyDatabase_ReportsVersionZeroAndNotCurrent()
    {
        await using var db = ToolflowDatabase.Create(await store.CreateEmptyDatabaseAsync());

        var status = await new Migrator(db).GetStatusAsync(CancellationToken.None);

        Assert.Equal(0, status.CurrentVersion);
        Assert.Equal(MigrationCatalog.LatestVersion(store.Dialect), status.LatestKnownVersion);
        Assert.False(status.IsCurrent);
        Assert.False(status.IsNewerThanCode);
    }
}

public sealed class SqliteMigrationTests(SqliteStoreFixture store) : MigrationSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresMigrationTests(PostgresStoreFixture store) : MigrationSuite(store), IClassFixture<PostgresStoreFixture>;
