using Toolflow.Storage.Database;
using Toolflow.Testing.Postgres;

namespace Toolflow.Testing.Stores;

/// <summary>A fresh database (CREATE DATABASE, unique name) per test class on the process's <see cref="PostgresServer"/>.</summary>
public sealed class PostgresStoreFixture : StoreFixture, IRequiresPostgres
{
    private readonly List<string> _created = [];

    public override SqlDialect Dialect => SqlDialect.Postgres;

    protected override string? UnavailableReason => PostgresEnvironment.SkipReason;

    public override async Task<DatabaseOptions> CreateEmptyDatabaseAsync()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("toolflow_test");
        lock (_created)
        {
            _created.Add(connectionString);
        }

        return new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString };
    }

    protected override async Task DeleteDatabasesAsync()
    {
        if (_created.Count == 0)
        {
            return;
        }

        var server = await PostgresServer.GetAsync();
        foreach (var connectionString in _created)
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
