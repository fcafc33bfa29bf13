using Toolflow.Testing.Postgres;

namespace Toolflow.LoadTest.Hosting;

/// <summary>
/// Where the server under test keeps its data: a fresh SQLite file in its data folder, or a fresh
/// database on PostgreSQL (the server named by TOOLFLOW_TEST_POSTGRES, else the tests' throwaway
/// cluster, started on first use and removed when the runner exits).
/// </summary>
public sealed class DatabaseTarget
{
    private DatabaseTarget(string name, string? connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string? ConnectionString { get; }

    public static async Task<DatabaseTarget> CreateAsync(string name) => name switch
    {
        "sqlite" => new DatabaseTarget(name, null),
        "postgres" => new DatabaseTarget(name, await (await PostgresServer.GetAsync()).CreateDatabaseAsync("loadtest")),
        _ => throw new ArgumentException($"unknown database '{name}': use sqlite or postgres", nameof(name)),
    };

    /// <summary>The server's settings for this database, as TOOLFLOW__ environment variables.</summary>
    public IDictionary<string, string> Environment(string dataDirectory)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["TOOLFLOW__Database__DataDirectory"] = dataDirectory,
            ["TOOLFLOW__Database__Provider"] = Name,
        };
        if (ConnectionString is not null)
        {
            settings["TOOLFLOW__Database__ConnectionString"] = ConnectionString;
            settings["TOOLFLOW__Secrets__AllowKeyFileWithPostgres"] = "true";
        }

        return settings;
    }

    public async Task DropAsync()
    {
        if (ConnectionString is not null)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(ConnectionString);
        }
    }
}
