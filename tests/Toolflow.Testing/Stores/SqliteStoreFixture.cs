using Microsoft.Data.Sqlite;
using Toolflow.Storage.Database;

namespace Toolflow.Testing.Stores;

/// <summary>A fresh SQLite file per test class (and per <see cref="CreateEmptyDatabaseAsync"/>), in a temp folder.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"toolflow-sqlite-{Guid.NewGuid():N}");

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override Task<DatabaseOptions> CreateEmptyDatabaseAsync()
    {
        var folder = Path.Combine(_root, Guid.NewGuid().ToString("N"));
        return Task.FromResult(new DatabaseOptions { Provider = "sqlite", DataDirectory = folder });
    }

    protected override Task DeleteDatabasesAsync()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
