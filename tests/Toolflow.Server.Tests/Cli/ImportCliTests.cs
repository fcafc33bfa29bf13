using Toolflow.Server.Tests.Processes;

namespace Toolflow.Server.Tests.Cli;

/// <summary>
/// <c>toolflow import …</c> through the real executable: an unsupported kind and files of other products get a
/// message that says what is supported, with <c>validate</c>'s exit codes (1 bad content, 2 unreadable / not JSON / usage).
/// </summary>
public sealed class ImportCliTests : IDisposable
{
    private const string ServerlessWorkflow = """
        document:
          dsl: '1.0.3'
          namespace: examples
          name: cron-schedule
          version: '0.1.0'
        do:
          - checkup:
              call: http
              with:
                method: get
                endpoint: https://example.org/health
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-import-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ImportOfAnUnsupportedKind_SaysOnlyN8nIsSupported_AndExitsTwo()
    {
        var (exit, output) = await RunAsync("import", "serverless", Write("flow.yaml", ServerlessWorkflow));

        Assert.Equal(2, exit);
        Assert.Contains("cannot import 'serverless'", output, StringComparison.Ordinal);
        Assert.Contains("toolflow import n8n FILE.json", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportWithoutAKind_NamesTheSupportedOne_AndExitsTwo()
    {
        var (exit, output) = await RunAsync("import");

        Assert.Equal(2, exit);
        Assert.Contains("supported: n8n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportN8nOfAServerlessWorkflowFile_IsNotJson_NamesTheFormat_AndExitsTwo()
    {
        var (exit, output) = await RunAsync("import", "n8n", Write("flow.yaml", ServerlessWorkflow));

        Assert.Equal(2, exit);
        Assert.Contains("'flow.yaml': not JSON", output, StringComparison.Ordinal);
        Assert.Contains("looks like a Serverless Workflow (CNCF) document", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NotJson", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportN8nOfJsonThatIsNoExport_IsBadContent_ExitsOneLikeValidate()
    {
        var nodeRed = Write("flow.json", """[{ "id": "a1", "type": "inject", "z": "t1", "wires": [["b2"]] }]""");

        var (exit, output) = await RunAsync("import", "n8n", nodeRed);
        var (validateExit, _) = await RunAsync("validate", nodeRed);

        Assert.Equal(1, exit);
        Assert.Equal(validateExit, exit);
        Assert.Contains("not an n8n export", output, StringComparison.Ordinal);
        Assert.Contains("looks like a Node-RED flow", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NotAnN8nExport", output, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        await using var process = ToolflowProcess.Start(folder, args);
        var exit = await process.WaitForExitAsync(TimeSpan.FromMinutes(1));
        return (exit, process.Output);
    }
}
