using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Toolflow.Engine.Tests.Cli;

/// <summary>Runs the built <c>toolflow.dll</c> as a child process, as a user would.</summary>
public static class ToolflowProcess
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public JsonNode Document => JsonNode.Parse(Stdout)!;
    }

    public static Task<Outcome> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (configuration such as <c>TOOLFLOW__Engine__MaxParallelNodes</c>).</summary>
    public static async Task<Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Dll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("toolflow did not exit within 60 s");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    public static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"toolflow-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        return path;
    }

    // The test assembly sits in tests/Toolflow.Engine.Tests/bin/<Configuration>/<tfm>/; toolflow.dll in the same shape under src.
    private static string Dll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Toolflow.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root!.FullName, "src", "Toolflow.Server", "bin", configuration, tfm, "toolflow.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the solution first", dll);
    }
}
