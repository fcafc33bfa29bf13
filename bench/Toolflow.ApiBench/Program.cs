using System.Globalization;
using System.Security.Cryptography;
using Toolflow.ApiBench;
using Toolflow.Testing.Postgres;

// dotnet run -c Release --project bench/Toolflow.ApiBench -- [sqlite|postgres|both] [rows] [seconds]
var which = args.Length > 0 ? args[0] : "both";
var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var duration = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);

Console.WriteLine("| database | request | clients | Toolflow req/s | p50 ms | p99 ms | peer req/s | Toolflow / peer | failures |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
if (which is "sqlite" or "both")
{
    var folder = Directory.CreateTempSubdirectory("toolflow-apibench-").FullName;
    try
    {
        await ApiBench.RunAsync("SQLite", [], folder, rows, duration);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

if (which is "postgres" or "both")
{
    var server = await PostgresServer.GetAsync();
    var connectionString = await server.CreateDatabaseAsync("apibench");
    var folder = Directory.CreateTempSubdirectory("toolflow-apibench-pg-").FullName;
    try
    {
        await ApiBench.RunAsync(
            "PostgreSQL",
            ["--Database:Provider=postgres", $"--Database:ConnectionString={connectionString}", $"--Secrets:MasterKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}"],
            folder, rows, duration);
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
        await server.DropDatabaseAsync(connectionString);
    }
}
