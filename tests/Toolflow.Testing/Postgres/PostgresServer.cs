using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Toolflow.Testing.Postgres;

/// <summary>
/// The one PostgreSQL server of a test process: the server named by TOOLFLOW_TEST_POSTGRES, or a
/// throwaway cluster (initdb + pg_ctl) in a temporary folder on a free 127.0.0.1 port, with
/// trust authentication and fsync off, stopped and deleted when the process exits.
/// docs/adr/0003-test-postgres.md explains the choice.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>A superuser connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The process's server, started on first use; fails loudly when it cannot start.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending its sessions.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// A cluster of its own, for a test that stops or restarts the server (the shared one serves every
    /// other test at the same time). Dispose it to stop and delete it. With <paramref name="durable"/>
    /// the server keeps PostgreSQL's durable defaults (fsync, full_page_writes, synchronous_commit on),
    /// for a benchmark whose limit is the commit rate.
    /// </summary>
    public static async Task<PrivateCluster> StartPrivateAsync(bool durable = false)
    {
        var binaries = PostgresBinaries.TryFind() ?? throw new InvalidOperationException(
            $"A private PostgreSQL cluster needs initdb/pg_ctl ({PostgresBinaries.FolderVariable}, PATH, /usr/lib/postgresql/*/bin).");
        return new PrivateCluster(await ThrowawayCluster.StartAsync(binaries, durable));
    }

    /// <summary>A throwaway cluster a test owns: restart it, then dispose it.</summary>
    public sealed class PrivateCluster : IAsyncDisposable
    {
        private readonly ThrowawayCluster _cluster;

        internal PrivateCluster(ThrowawayCluster cluster) => _cluster = cluster;

        public string ConnectionString => _cluster.ConnectionString;

        /// <summary>Stops the server at once (every connection dropped, as in a crash), waits, and starts it again on the same port.</summary>
        public Task RestartAsync(TimeSpan downtime) => _cluster.RestartAsync(downtime);

        public ValueTask DisposeAsync()
        {
            _cluster.Stop(wait: true);
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (PostgresEnvironment.ExistingServer is { } existing)
        {
            return new PostgresServer(existing);
        }

        var binaries = PostgresBinaries.TryFind() ?? throw new InvalidOperationException(
            "PostgreSQL tests are required (TOOLFLOW_REQUIRE_POSTGRES=1) but there is no PostgreSQL: initdb/pg_ctl were " +
            $"not found ({PostgresBinaries.FolderVariable}, PATH, /usr/lib/postgresql/*/bin) and {PostgresEnvironment.ServerVariable} is not set.");
        var cluster = await ThrowawayCluster.StartAsync(binaries);
        return new PostgresServer(cluster.ConnectionString);
    }

    /// <summary>A private cluster under the temp folder; runs as 'postgres' when we are root.</summary>
    internal sealed class ThrowawayCluster
    {
        private readonly string _binaries;
        private readonly string _root;
        private readonly bool _asPostgresUser;
        private readonly int _port;
        private string _serverOptions = string.Empty;

        private ThrowawayCluster(string binaries, string root, int port)
        {
            _binaries = binaries;
            _root = root;
            _port = port;
            _asPostgresUser = Environment.UserName == "root";
        }

        public string ConnectionString => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = "postgres",
            Database = "postgres",
            Pooling = true,
            MaxPoolSize = 20,
            Timeout = 30,
        }.ConnectionString;

        private string DataFolder => Path.Combine(_root, "data");

        private string LogFile => Path.Combine(_root, "server.log");

        public static async Task<ThrowawayCluster> StartAsync(string binaries, bool durable = false)
        {
            SweepAbandoned(binaries);
            var root = Path.Combine(Path.GetTempPath(), $"toolflow-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(root);
            var cluster = new ThrowawayCluster(binaries, root, FreePort());
            try
            {
                await cluster.InitAndStartAsync(cluster._port, durable);
            }
            catch
            {
                cluster.Stop(wait: true);
                throw;
            }

            // The test runner kills the test host moments after its exit handlers start, too soon
            // to delete a data folder: a detached shell stops the server and removes the folder.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopDetached();
            return cluster;
        }

        private async Task InitAndStartAsync(int port, bool durable)
        {
            if (_asPostgresUser)
            {
                // PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user.
                await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
            }

            await RunAsync(Path.Combine(_binaries, "initdb"),
                ["-D", DataFolder, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"], _asPostgresUser);
            string[] speed = durable ? [] : ["-F", "-c", "full_page_writes=off", "-c", "synchronous_commit=off"];
            _serverOptions = string.Join(' ',
                ["-p", port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-k", _root, .. speed, "-c", "max_connections=300"]);
            await RunAsync(Path.Combine(_binaries, "pg_ctl"),
                ["-D", DataFolder, "-l", LogFile, "-o", _serverOptions, "-w", "-t", "60", "start"], _asPostgresUser);
        }

        /// <summary>
        /// Stops and deletes clusters left by test processes that were killed before their exit
        /// handler ran (the folder name carries the owner's process id).
        /// </summary>
        private static void SweepAbandoned(string binaries)
        {
            foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "toolflow-pg-*"))
            {
                var parts = Path.GetFileName(folder).Split('-');
                if (parts.Length < 4 || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var owner) || IsAlive(owner))
                {
                    continue;
                }

                new ThrowawayCluster(binaries, folder, 0).Stop(wait: true);
            }
        }

        private static bool IsAlive(int processId)
        {
            try
            {
                using var process = Process.GetProcessById(processId);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        public async Task RestartAsync(TimeSpan downtime)
        {
            var pgCtl = Path.Combine(_binaries, "pg_ctl");
            await RunAsync(pgCtl, ["-D", DataFolder, "-m", "immediate", "-w", "stop"], _asPostgresUser);
            await Task.Delay(downtime);
            await RunAsync(pgCtl, ["-D", DataFolder, "-l", LogFile, "-o", _serverOptions, "-w", "-t", "60", "start"], _asPostgresUser);
        }

        public void StopDetached()
        {
            var pgCtl = Path.Combine(_binaries, "pg_ctl");
            var stop = _asPostgresUser ? "runuser -u postgres -- \"$1\" -D \"$2\" -m immediate -w stop" : "\"$1\" -D \"$2\" -m immediate -w stop";
            var start = new ProcessStartInfo("setsid")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "-f", "/bin/sh", "-c", $"{stop} >/dev/null 2>&1; rm -rf \"$3\"", "sh", pgCtl, DataFolder, _root })
            {
                start.ArgumentList.Add(argument);
            }

            try
            {
                using var process = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Stop(wait: false);
            }
        }

        public void Stop(bool wait)
        {
            try
            {
                if (Directory.Exists(DataFolder) && File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
                {
                    RunAsync(Path.Combine(_binaries, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", wait ? "-w" : "-W", "stop"], _asPostgresUser)
                        .GetAwaiter().GetResult();
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // Best effort (another process may be sweeping the same folder): remove it anyway.
            }
            finally
            {
                try
                {
                    Directory.Delete(_root, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
        {
            var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (asPostgres)
            {
                foreach (var prefix in new[] { "-u", "postgres", "--", program })
                {
                    start.ArgumentList.Add(prefix);
                }
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "";
                throw new InvalidOperationException(
                    $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n" +
                    $"{await output}\n{await error}\n{log}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
