using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Toolflow.Tools.Tests.Database;

/// <summary>
/// A throwaway PostgreSQL for these tests: initdb in a temp directory, password auth over TCP on
/// 127.0.0.1 and a free port, stopped and deleted at the end — or, when TOOLFLOW_TEST_POSTGRES
/// holds a connection string, a fresh database on that server, dropped at the end. PostgreSQL
/// refuses to run as root, so as root every server binary runs as the postgres user.
/// (Private until the shared fixture in Toolflow.Testing lands.)
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private const string OwnPassword = "pg-Test-pa55word";

    private string directory = string.Empty;
    private string adminConnectionString = string.Empty;

    public string ConnectionString { get; private set; } = string.Empty;

    public NpgsqlConnectionStringBuilder Fields => new(ConnectionString);

    /// <summary>False on an external server, which may trust every login.</summary>
    public bool EnforcesPasswords => External is null;

    public static string? External => Environment.GetEnvironmentVariable("TOOLFLOW_TEST_POSTGRES") is { Length: > 0 } e ? e : null;

    public static string? BinDirectory => Environment.GetEnvironmentVariable("TOOLFLOW_PG_BIN") is { Length: > 0 } bin
        ? File.Exists(Path.Combine(bin, "initdb")) ? bin : null
        : Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order().LastOrDefault()
            : null;

    public static bool Required => Environment.GetEnvironmentVariable("TOOLFLOW_REQUIRE_POSTGRES") == "1";

    /// <summary>Why the PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason => BinDirectory is null && External is null && !Required
        ? "no PostgreSQL: server binaries not found and TOOLFLOW_TEST_POSTGRES not set (TOOLFLOW_REQUIRE_POSTGRES=1 fails instead)"
        : null;

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }

        var admin = External is { } external
            ? new NpgsqlConnectionStringBuilder(external)
            : await StartOwnClusterAsync(BinDirectory ?? throw new InvalidOperationException("TOOLFLOW_REQUIRE_POSTGRES=1 but no PostgreSQL server binaries were found"));
        admin.Pooling = false;
        adminConnectionString = admin.ConnectionString;

        // A database of its own, so that runs against a shared server never see each other's tables.
        var database = $"toolflow_tools_{Guid.NewGuid():N}"[..30];
        await ExecuteAsAdminAsync($"CREATE DATABASE {database}");
        admin.Database = database;
        admin.Pooling = true;
        ConnectionString = admin.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (External is not null && ConnectionString.Length > 0)
        {
            await ExecuteAsAdminAsync($"DROP DATABASE IF EXISTS {Fields.Database} WITH (FORCE)");
        }

        if (BinDirectory is { } bin && directory.Length > 0 && Directory.Exists(Path.Combine(directory, "data")))
        {
            await RunPgAsync(bin, "pg_ctl", ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"]);
        }

        if (directory.Length > 0)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task<NpgsqlConnectionStringBuilder> StartOwnClusterAsync(string bin)
    {
        directory = Directory.CreateTempSubdirectory("toolflow-tools-pg-").FullName;
        var data = Path.Combine(directory, "data");
        var passwordFile = Path.Combine(directory, "pw");
        await File.WriteAllTextAsync(passwordFile, OwnPassword);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", directory]);
        }

        var port = FreePort();
        await RunPgAsync(bin, "initdb", ["-D", data, "-U", "postgres", "--pwfile", passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"]);
        await RunPgAsync(bin, "pg_ctl", ["-D", data, "-l", Path.Combine(directory, "log"), "-w", "-t", "120", "-o",
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);
        return new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Password = OwnPassword, Database = "postgres" };
    }

    private async Task ExecuteAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task RunPgAsync(string bin, string tool, string[] arguments) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
        : RunAsync(Path.Combine(bin, tool), arguments);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}

/// <summary>A fact that is skipped, with the reason, when no PostgreSQL is installed and none is required.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresCluster.SkipReason;
}

/// <summary>The theory form of <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresCluster.SkipReason;
}
