using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Toolflow.Server.Tests.Processes;

/// <summary>A real <c>toolflow</c> child process, started from the build output beside the tests.</summary>
public sealed class ToolflowProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder standardOutput = new();

    private ToolflowProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The operating system's id of the process (for reading /proc).</summary>
    public int Id => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>What the process wrote to standard output only (e.g. the JSON of <c>toolflow run</c>).</summary>
    public string StandardOutput
    {
        get
        {
            lock (output)
            {
                return standardOutput.ToString();
            }
        }
    }

    public static string ToolflowDll => Path.Combine(AppContext.BaseDirectory, "toolflow.dll");

    /// <summary>Starts <c>dotnet toolflow.dll</c> with the given arguments in <paramref name="workingDirectory"/>.</summary>
    public static ToolflowProcess Start(string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? environment = null, Uri? baseAddress = null) =>
        StartProgram("dotnet", [ToolflowDll, .. args], workingDirectory, environment, baseAddress);

    /// <summary>Starts a published native <c>toolflow</c> executable (the headless build) the same way.</summary>
    public static ToolflowProcess StartExecutable(string executable, string workingDirectory, IEnumerable<string> args, IDictionary<string, string>? environment = null, Uri? baseAddress = null) =>
        StartProgram(executable, args, workingDirectory, environment, baseAddress);

    private static ToolflowProcess StartProgram(string program, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? environment, Uri? baseAddress)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new ToolflowProcess(process, baseAddress ?? new Uri("http://127.0.0.1:5080"));
        process.OutputDataReceived += (_, e) => result.Append(e.Data, standard: true);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="path"/> until it answers 200, the process exits, or the deadline passes.</summary>
    public async Task<HttpResponseMessage> WaitForAsync(string path, TimeSpan deadline)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var cts = new CancellationTokenSource(deadline);
        HttpResponseMessage? last = null;
        while (!cts.IsCancellationRequested && !process.HasExited)
        {
            try
            {
                last?.Dispose();
                last = await client.GetAsync(new Uri(path, UriKind.Relative), cts.Token);
                if (last.StatusCode == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                break;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        throw new InvalidOperationException(
            $"toolflow did not answer {path} with 200 (exited: {process.HasExited}, last: {last?.StatusCode}). Output:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource(deadline);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line, bool standard = false)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (standard)
            {
                standardOutput.AppendLine(line);
            }
        }
    }
}
