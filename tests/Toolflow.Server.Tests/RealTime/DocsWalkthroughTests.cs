using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Toolflow.Server.Tests.RealTime;

/// <summary>Runs the curl walk-through of docs/api.md against a real server, so the documentation cannot drift.</summary>
public sealed partial class DocsWalkthroughTests(KestrelToolflow server) : IClassFixture<KestrelToolflow>
{
    [Fact]
    public async Task ApiDocsWalkthrough_RunsAgainstARealServer()
    {
        if (Which("curl") is null || Which("jq") is null || Which("bash") is null)
        {
            Assert.Fail("the walk-through needs bash, curl and jq on PATH");
        }

        var markdown = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "api.md"));
        var script = Walkthrough().Match(markdown).Groups["script"].Value;
        Assert.False(string.IsNullOrWhiteSpace(script), "docs/api.md has no ```bash walkthrough block");

        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["TOOLFLOW"] = server.BaseAddress.ToString().TrimEnd('/');
        start.Environment["KEY"] = server.AdminKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var text = await output;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{text}\n{await error}");
        Assert.Contains("is queued", text, StringComparison.Ordinal);
        Assert.Contains("Greeting v2", text, StringComparison.Ordinal);
        Assert.Contains("/nodes/0/tool", text, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Toolflow.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no Toolflow.slnx above the test binaries");
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    [GeneratedRegex("```bash walkthrough\\n(?<script>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Walkthrough();
}
