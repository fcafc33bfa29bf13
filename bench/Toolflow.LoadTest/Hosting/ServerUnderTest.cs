using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Toolflow.LoadTest.Hosting;

/// <summary>
/// A real <c>toolflow serve</c> child process (the build's toolflow.dll) on 127.0.0.1 and a free
/// port, with its own data folder. Its peak resident memory is read from the kernel
/// (<c>VmHWM</c> in /proc/&lt;pid&gt;/status: the high-water mark of the working set), so a short
/// spike between two samples is not missed.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServerUnderTest(Process process, Uri baseAddress, string dataDirectory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    /// <summary>The server's entry assembly: the build beside this bench, or a published one named by TOOLFLOW_LOADTEST_SERVER (e.g. a ReadyToRun publish).</summary>
    public static string ToolflowDll => Environment.GetEnvironmentVariable("TOOLFLOW_LOADTEST_SERVER") is { Length: > 0 } published
        ? Path.GetFullPath(published)
        : Path.Combine(AppContext.BaseDirectory, "toolflow.dll");

    public static async Task<ServerUnderTest> StartAsync(DatabaseTarget database, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var dataDirectory = Directory.CreateTempSubdirectory("toolflow-load-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        // A published native executable (the ahead-of-time build, docs/headless.md) runs itself; an assembly runs under dotnet.
        var native = !ToolflowDll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(native ? ToolflowDll : "dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!native)
        {
            info.ArgumentList.Add(ToolflowDll);
        }

        foreach (var arg in new[] { "serve", "--urls", baseAddress.ToString().TrimEnd('/') })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in database.Environment(dataDirectory))
        {
            info.Environment[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            info.Environment["TOOLFLOW__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var server = new ServerUnderTest(process, baseAddress, dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync(cancellationToken);
        return server;
    }

    /// <summary>The admin API key the first start wrote beside the database.</summary>
    public string AdminKey => File.ReadAllText(Path.Combine(DataDirectory, "admin.key")).Trim();

    /// <summary>The process's peak resident set so far, in bytes.</summary>
    public long PeakWorkingSetBytes()
    {
        var status = $"/proc/{process.Id}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    return kilobytes * 1024;
                }
            }
        }

        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>The process's CPU time so far (user and system, every thread).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"toolflow serve exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (ready.StatusCode == HttpStatusCode.OK && File.Exists(Path.Combine(DataDirectory, "admin.key")))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"toolflow serve was not ready within 60 s:\n{Log}");
    }

    private string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a child that has not let go: leave the temp folder.
        }
    }
}
