using System.Diagnostics;
using System.Text;
using Toolflow.Storage.Database;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>A real <c>toolflow worker</c> child process on a test database (adapted from the server tests' ToolflowProcess).</summary>
public sealed class WorkerProcess : IDisposable
{
    private static readonly string TestMasterKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static WorkerProcess Start(DatabaseOptions database, IDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll());
        info.ArgumentList.Add("worker");
        info.Environment["TOOLFLOW__Database__Provider"] = database.Provider;
        info.Environment["TOOLFLOW__Database__DataDirectory"] = Path.GetFullPath(database.DataDirectory);
        if (database.ConnectionString is { } connection)
        {
            info.Environment["TOOLFLOW__Database__ConnectionString"] = connection;
        }

        // Workers decrypt credentials, so on PostgreSQL every process needs the same master key.
        info.Environment["TOOLFLOW__Secrets__MasterKey"] = TestMasterKey;

        foreach (var (key, value) in settings)
        {
            info.Environment[$"TOOLFLOW__{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => result.Append(e.Data);
        process.ErrorDataReceived += (_, e) => result.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends a POSIX signal (STOP freezes the process, CONT thaws it) with the system's <c>kill</c>.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{name} {_process.Id} exited with {kill.ExitCode}");
        }
    }

    /// <summary>
    /// SIGSTOP, then waits until every thread of the child is stopped: <c>kill</c> returns when the
    /// signal is sent, and a thread busy on the other core runs on (and may take a lock) until it
    /// takes the signal.
    /// </summary>
    public async Task StopAsync()
    {
        Signal("STOP");
        var tasks = $"/proc/{_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}/task";
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (Directory.EnumerateDirectories(tasks).All(IsStopped))
            {
                return;
            }

            await Task.Delay(2);
        }

        throw new InvalidOperationException($"the child {_process.Id} did not stop within a second");
    }

    // /proc/<pid>/task/<tid>/stat: "tid (name) S …"; the name may hold spaces, the state follows its last ')'.
    private static bool IsStopped(string task)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var state = stat[(stat.LastIndexOf(')') + 2)..].TrimStart()[0];
            return state is 'T' or 't';
        }
        catch (IOException)
        {
            return true; // the thread ended
        }
    }

    /// <summary>SIGKILL: no shutdown hook runs, leases stay behind until they expire.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string Dll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Toolflow.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "Toolflow.Server", "bin", here.Parent!.Name, here.Name, "toolflow.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first", dll);
    }
}
