using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;

namespace Toolflow.Testing.Stores;

/// <summary>
/// One database of one dialect for one test class, migrated to the latest schema, plus as many
/// extra empty databases as the class asks for. An abstract suite takes a <see cref="StoreFixture"/>
/// and two one-line subclasses bind it to <see cref="SqliteStoreFixture"/> and
/// <see cref="PostgresStoreFixture"/>, so every test of the suite runs on both dialects:
/// <code>
/// public abstract class WorkflowStoreSuite(StoreFixture store) { [StoreFact] public async Task ...() { } }
/// public sealed class SqliteWorkflowStoreTests(SqliteStoreFixture f) : WorkflowStoreSuite(f), IClassFixture&lt;SqliteStoreFixture&gt;;
/// public sealed class PostgresWorkflowStoreTests(PostgresStoreFixture f) : WorkflowStoreSuite(f), IClassFixture&lt;PostgresStoreFixture&gt;;
/// </code>
/// Use <see cref="StoreFactAttribute"/>/<see cref="StoreTheoryAttribute"/> in the suite: they skip
/// the PostgreSQL subclass when PostgreSQL is unavailable, and only it.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private ToolflowDatabase? _database;

    public abstract SqlDialect Dialect { get; }

    /// <summary>The options of the class's database (migrated in <see cref="InitializeAsync"/>).</summary>
    public DatabaseOptions Options { get; private set; } = new();

    public ToolflowDatabase Database => _database ?? throw new InvalidOperationException(
        UnavailableReason ?? "The store fixture is not initialised.");

    /// <summary>
    /// Why this dialect cannot be tested here, or null. xunit builds class fixtures even when every
    /// test of the class is skipped, so an unavailable fixture must initialise to nothing, quietly.
    /// </summary>
    protected virtual string? UnavailableReason => null;

    public async Task InitializeAsync()
    {
        if (UnavailableReason is not null)
        {
            return;
        }

        Options = await CreateEmptyDatabaseAsync();
        _database = ToolflowDatabase.Create(Options);
        await new Migrator(_database).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await DeleteDatabasesAsync();
    }

    /// <summary>A new, empty database of this dialect (no migrations), removed with the fixture.</summary>
    public abstract Task<DatabaseOptions> CreateEmptyDatabaseAsync();

    protected abstract Task DeleteDatabasesAsync();
}
