using Toolflow.Testing.Postgres;

namespace Toolflow.Server.Tests.Processes;

public sealed class ServeProcessTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-serve-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Serve_InAnEmptyFolder_CreatesTheSqliteFileAndAnswersReady()
    {
        var port = ToolflowProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        await using var toolflow = ToolflowProcess.Start(folder, ["serve", "--urls", address.ToString()], baseAddress: address);

        using var ready = await toolflow.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
        using var live = await toolflow.WaitForAsync("/health/live", TimeSpan.FromSeconds(10));

        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("live", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "data", "toolflow.db")));
        Assert.True(File.Exists(Path.Combine(folder, "data", "toolflow.db-wal")), "SQLite runs in WAL mode");
    }

    [PostgresFact]
    public async Task Serve_OnPostgres_FromEnvironmentVariables_AnswersReady()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("serve");
        var port = ToolflowProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        await using var toolflow = ToolflowProcess.Start(folder, ["serve", "--urls", address.ToString()], new Dictionary<string, string>
        {
            ["TOOLFLOW__DATABASE__PROVIDER"] = "postgres",
            ["TOOLFLOW__DATABASE__CONNECTIONSTRING"] = connectionString,
            ["TOOLFLOW__SECRETS__MASTERKEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }, address);

        using var ready = await toolflow.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));

        Assert.Contains("\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "data", "toolflow.db")), "no SQLite file when PostgreSQL is configured");
        Assert.True(File.Exists(Path.Combine(folder, "data", "admin.key")), "the first start's admin key is written to the data folder on PostgreSQL too");
        await server.DropDatabaseAsync(connectionString);
    }

    [Fact]
    public async Task Migrate_AppliesOnce_ThenHasNothingToDo()
    {
        await using var first = ToolflowProcess.Start(folder, ["migrate"]);
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await using var second = ToolflowProcess.Start(folder, ["migrate"]);
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("applied 0001", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("applied", second.Output, StringComparison.Ordinal);
        Assert.Contains("nothing to apply", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_WithAnUnknownProvider_FailsWithAClearMessage()
    {
        await using var migrate = ToolflowProcess.Start(folder, ["migrate", "--Database:Provider=oracle"]);

        Assert.Equal(1, await migrate.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("'oracle' is not supported", migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareInvocation_Serves_AndHonoursAspNetCoreUrls()
    {
        var port = ToolflowProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        await using var toolflow = ToolflowProcess.Start(folder, [], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString() }, address);

        using var live = await toolflow.WaitForAsync("/health/live", TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>
    /// A setting the operator must fix stops serve and worker with one line naming it, and exit code 1 — not a
    /// stack trace (before, each was an "Unhandled exception" with 20 frames), and never the secret's value.
    /// </summary>
    [Theory]
    [InlineData("serve", "TOOLFLOW__DATABASE__PROVIDER", "mysql", "Database:Provider 'mysql' is not supported")]
    [InlineData("worker", "TOOLFLOW__DATABASE__PROVIDER", "postgres", "Database:ConnectionString is required")]
    [InlineData("serve", "TOOLFLOW__SECRETS__MASTERKEY", "c2hvcnQtc2VjcmV0", "Secrets:MasterKey must be base64 of 32 bytes")]
    [InlineData("serve", "TOOLFLOW__GENERATION__PROVIDER", "anthropic", "Generation:Provider must be 'offline', 'openai' or 'ollama'")]
    [InlineData("worker", "TOOLFLOW__WORKERS__CONCURRENCY", "0", "Workers:Concurrency must be at least 1")]
    [InlineData("serve", "TOOLFLOW__ENGINE__MAXPARALLELNODES", "0", "Engine:MaxParallelNodes must be between 1 and 1000")]
    [InlineData("serve", "TOOLFLOW__SERVER__FORWARDEDHEADERS__KNOWNPROXIES__0", "proxy.internal", "Server:ForwardedHeaders:KnownProxies:0 is not an IP address")]
    [InlineData("serve", "TOOLFLOW__SERVER__FORWARDEDHEADERS__KNOWNNETWORKS__0", "10.0.0.0", "Server:ForwardedHeaders:KnownNetworks:0 is not a network in CIDR notation")]
    [InlineData("worker", "TOOLFLOW__DATABASE__CONNECTIONSTRING", "Host=127.0.0.1;Port=5432;Username=x;Password=hun;ter2", "is not a SQLite connection string")]
    public async Task ABadSetting_StopsStartUp_WithOneLineNamingIt(string verb, string variable, string value, string expected)
    {
        var port = ToolflowProcess.FreePort();
        await using var toolflow = ToolflowProcess.Start(folder, [verb, "--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string> { [variable] = value });

        Assert.Equal(1, await toolflow.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var line = Assert.Single(toolflow.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("toolflow: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQtc2VjcmV0", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ter2", line, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Serve_OnPostgres_WithoutAMasterKey_StopsWithOneLine_AndWritesNothing()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("serve_nokey");
        await using var toolflow = ToolflowProcess.Start(folder, ["serve", "--urls", $"http://127.0.0.1:{ToolflowProcess.FreePort()}"], new Dictionary<string, string>
        {
            ["TOOLFLOW__DATABASE__PROVIDER"] = "postgres",
            ["TOOLFLOW__DATABASE__CONNECTIONSTRING"] = connectionString,
        });

        Assert.Equal(1, await toolflow.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(
            "toolflow: Secrets:MasterKey is required with PostgreSQL (base64 of 32 bytes, the same on every process); set Secrets:AllowKeyFileWithPostgres=true to use a key file on a single machine.",
            toolflow.Output.Trim());
        Assert.False(Directory.Exists(Path.Combine(folder, "data")), "nothing was written before the check");
        await server.DropDatabaseAsync(connectionString);
    }
}
