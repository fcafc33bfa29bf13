using System.Diagnostics;
using System.Text.Json;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import;

namespace Toolflow.Core.Tests.Import;

/// <summary><c>toolflow import n8n</c>: in-process through the runner, and once through the built toolflow.dll.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-import-").FullName;

    [Fact]
    public async Task Run_FullyConverted_PrintsDefinitionAndExitsZero()
    {
        var file = Write("ok.json", new N8nDoc().Trigger().Node("Do", "noOp").Connect("Start", "Do").Json);
        var (code, stdout, stderr) = await RunAsync(file);
        Assert.Equal(0, code);
        var definition = JsonSerializer.Deserialize(stdout, DefinitionJsonContext.Default.WorkflowDefinition)!;
        Assert.Equal("Do", Assert.Single(definition.Nodes).Id);
        Assert.Contains("fully converted", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnconvertedNode_RefusesWithoutPlaceholdersAndExitsOne()
    {
        var file = Write("partial.json", new N8nDoc().Node("Sheet", "googleSheets").Json);
        var (code, stdout, stderr) = await RunAsync(file);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("NOT CONVERTED 'Sheet'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Placeholders_WritesOutFileAndExitsOne()
    {
        var file = Write("partial.json", new N8nDoc().Node("Sheet", "googleSheets").Json);
        var output = Path.Combine(folder, "out.json");
        var (code, stdout, _) = await RunAsync(file, output, placeholders: true);
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains("flow.fail", await File.ReadAllTextAsync(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NotJson_ExitsTwo()
    {
        var (code, stdout, stderr) = await RunAsync(Write("bad.json", "not json at all"));
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: 'bad.json': not JSON", stderr, StringComparison.Ordinal);
    }

    /// <summary>JSON that is not an n8n export is bad content: exit 1, as <c>toolflow validate</c> exits 1 for it.</summary>
    [Theory]
    [InlineData("""{"hello": "world"}""")]
    [InlineData("""{"nodes": []}""")]
    [InlineData("""[1, 2]""")]
    public async Task Run_JsonThatIsNotAnExport_ExitsOne(string content)
    {
        var (code, stdout, stderr) = await RunAsync(Write("bad.json", content));
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.StartsWith("error: 'bad.json': ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingFile_ExitsTwo()
    {
        var (code, _, stderr) = await RunAsync(Path.Combine(folder, "absent.json"));
        Assert.Equal(2, code);
        Assert.Contains("cannot read", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolflowDll_ImportN8n_ConvertsACorpusFile()
    {
        var dll = ToolflowDll();
        var file = Path.Combine(N8nCorpus.Directory, "valid", "Code__0491_Code_Webhook_Monitor_Webhook.json");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, "import", "n8n", file })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, await stderr);
        var definition = JsonSerializer.Deserialize(await stdout, DefinitionJsonContext.Default.WorkflowDefinition)!;
        Assert.Equal(TriggerType.Webhook, definition.Trigger!.Type);
        Assert.Contains("fully converted", await stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string ToolflowDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(N8nCorpus.RepositoryRoot, "src", "Toolflow.Server", "bin", configuration, "net10.0", "toolflow.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution first (dotnet build Toolflow.slnx)");
        return dll;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, string? output = null, bool placeholders = false)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await N8nImportRunner.RunAsync(file, output, placeholders, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
