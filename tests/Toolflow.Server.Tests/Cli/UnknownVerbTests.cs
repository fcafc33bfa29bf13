using Toolflow.Server.Tests.Processes;

namespace Toolflow.Server.Tests.Cli;

/// <summary>A mistyped verb is an error that names the verbs, not a server silently started on port 5080.</summary>
public sealed class UnknownVerbTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-verb-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AMistypedVerb_ExitsOne_NamingTheVerbs_AndServesNothing()
    {
        await using var process = ToolflowProcess.Start(folder, ["valdate", "flow.json"]);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        Assert.Contains("unknown command 'valdate'", process.Output, StringComparison.Ordinal);
        Assert.Contains("validate", process.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")), "a database was created: the server started");
    }
}
