using System.Globalization;
using Toolflow.Repositories.Bench;
using Toolflow.Storage.Database;
using Toolflow.Testing.Postgres;

// dotnet run -c Release --project bench/Toolflow.Repositories.Bench -- [sqlite|postgres|both] [workflows] [users]
var which = args.Length > 0 ? args[0] : "both";
var workflows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var users = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
var root = Path.Combine(Path.GetTempPath(), $"toolflow-bench-{Guid.NewGuid():N}");

try
{
    if (which is "sqlite" or "both")
    {
        await RepositoryBench.RunAsync("SQLite", new DatabaseOptions { Provider = "sqlite", DataDirectory = root }, workflows, users);
    }

    if (which is "postgres" or "both")
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("toolflow_bench");
        try
        {
            await RepositoryBench.RunAsync("PostgreSQL", new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString }, workflows, users);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (Directory.Exists(root))
    {
        Directory.Delete(root, recursive: true);
    }
}
