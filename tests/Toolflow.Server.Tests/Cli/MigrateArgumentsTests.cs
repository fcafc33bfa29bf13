using Toolflow.Server.Cli;
using Toolflow.Server.Tests.Processes;

namespace Toolflow.Server.Tests.Cli;

/// <summary><c>toolflow migrate</c> passes settings to configuration and refuses anything else, as an unknown verb is refused.</summary>
public sealed class MigrateArgumentsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-migrate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("")]
    [InlineData("--Database:Provider=sqlite")]
    [InlineData("--Database:Provider sqlite /Logging:LogLevel:Default=Warning urls=http://127.0.0.1:1")]
    public void Settings_AreSettings(string tokens) => Assert.Null(SettingTokens.FirstNotASetting(Split(tokens)));

    [Theory]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--bogus", "--Database:Provider=sqlite --bogus")]
    [InlineData("--dry-run", "--dry-run --Database:Provider=sqlite")]
    [InlineData("extra", "extra")]
    [InlineData("-v", "-v")]
    [InlineData("--", "--")]
    [InlineData("--=x", "--=x")]
    public void AnythingElse_IsNamed(string expected, string tokens) => Assert.Equal(expected, SettingTokens.FirstNotASetting(Split(tokens)));

    [Fact]
    public async Task AnUnknownFlag_ExitsOne_WithUsage_AndMigratesNothing()
    {
        await using var process = ToolflowProcess.Start(folder, ["migrate", "--bogus"]);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        Assert.Contains("unknown option or argument '--bogus'", process.Output, StringComparison.Ordinal);
        Assert.Contains("Usage: toolflow migrate", process.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "data")), "a database was created: the flag was ignored");
    }

    [Fact]
    public async Task Settings_StillReachConfiguration()
    {
        await using var process = ToolflowProcess.Start(folder, ["migrate", "--Database:Provider=sqlite"]);

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        Assert.Contains("schema", process.Output, StringComparison.Ordinal);
    }

    private static string[] Split(string tokens) => tokens.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
