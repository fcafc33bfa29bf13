using System.Diagnostics;
using System.Globalization;
using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Migrations;

/// <summary>Migrators in separate OS processes, started together against one empty database.</summary>
public abstract class MigrationProcessSuite(StoreFixture store)
{
    [StoreFact]
    public async Task Migrate_FromThreeProcessesAtOnce_AllSucceedAndEachMigrationRunsOnce()
    {
        var options = await store.CreateEmptyDatabaseAsync();
        var target = store.Dialect == SqlDialect.Sqlite ? options.DataDirectory : options.ConnectionString!;
        var provider = store.Dialect == SqlDialect.Sqlite ? "sqlite" : "postgres";
        var known = MigrationCatalog.For(store.Dialect);

        var outputs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync(provider, target)));

        var applied = outputs
            .Select(o => o.Split('\n').Single(l => l.StartsWith("applied:", StringComparison.Ordinal))["applied:".Length..])
            .SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Select(v => int.Parse(v, CultureInfo.InvariantCulture))
            .Order();
        Assert.Equal(known.Select(m => m.Version), applied);
        Assert.All(outputs, o => Assert.Contains($"version:{known[^1].Version}", o, StringComparison.Ordinal));
        await using var db = ToolflowDatabase.Create(options);
        Assert.Equal(known.Count, await db.CountAsync("SELECT count(*) FROM schema_migrations"));
    }

    private static async Task<string> RunAsync(string provider, string target)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(MigrateProcessEntryPoint).Assembly.Location, "migrate", provider, target })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"migrate process exited with {process.ExitCode}: {await error}");
        return (await output).Replace("\r", "", StringComparison.Ordinal);
    }
}

public sealed class SqliteMigrationProcessTests(SqliteStoreFixture store) : MigrationProcessSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresMigrationProcessTests(PostgresStoreFixture store) : MigrationProcessSuite(store), IClassFixture<PostgresStoreFixture>;
