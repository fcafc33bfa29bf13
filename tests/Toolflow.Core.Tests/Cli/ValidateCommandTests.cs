using Toolflow.Core.Tests.Validation;

namespace Toolflow.Core.Tests.Cli;

/// <summary><c>toolflow validate FILE.json</c> as SPEC §5 states it, through the real executable.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("toolflow-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task ValidFile_PrintsValid_AndExitsZero()
    {
        var result = await ToolflowProcess.RunAsync("validate", Write("digest.json", SpecExample.Json));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["valid"], result.Output);
    }

    [Fact]
    public async Task InvalidFile_PrintsOnePointerLinePerProblem_AndExitsOne()
    {
        var path = Write("broken.json", """
            {
              "name": "broken",
              "nodes": [
                { "id": "a", "tool": "http.request", "config": { "method": "FETCH", "url": "https://example.org" } },
                { "id": "b", "tool": "nope" }
              ],
              "edges": [ { "source": "a", "target": "c" } ]
            }
            """);
        var result = await ToolflowProcess.RunAsync("validate", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.Output.Count);
        Assert.Contains("/edges/0/target: unknown node 'c'", result.Output);
        Assert.Contains(result.Output, l => l.StartsWith("/nodes/0/config/method: must be one of", StringComparison.Ordinal));
        Assert.Contains("/nodes/1/tool: unknown tool 'nope'", result.Output);
    }

    [Fact]
    public async Task FileThatIsNotJson_ExitsTwo_WithTheReasonOnStandardError()
    {
        var result = await ToolflowProcess.RunAsync("validate", Write("notes.json", "name: not json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("is not JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_ExitsTwo_WithAClearError()
    {
        var result = await ToolflowProcess.RunAsync("validate", Path.Combine(_directory, "absent.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
    }
}
