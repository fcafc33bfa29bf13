using System.Diagnostics;

namespace Toolflow.Core.Tests.Cli;

/// <summary>Runs the built <c>toolflow</c> executable (copied beside the tests) and captures what it prints.</summary>
internal static class ToolflowProcess
{
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Output, string Error);

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "toolflow.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        return new Outcome(process.ExitCode, lines, await error);
    }
}
