namespace Toolflow.Server.Tests.Processes;

public sealed class ServeProcessTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-serve-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Serve_InAnEmptyFolder_StartsAndAnswersLive()
    {
        var port = ToolflowProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        await using var toolflow = ToolflowProcess.Start(folder, ["serve", "--urls", address.ToString()], baseAddress: address);

        using var live = await toolflow.WaitForAsync("/health/live", TimeSpan.FromSeconds(60));

        Assert.Contains("live", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareInvocation_Serves_AndHonoursAspNetCoreUrls()
    {
        var port = ToolflowProcess.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        await using var toolflow = ToolflowProcess.Start(folder, [], new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address.ToString() }, address);

        using var live = await toolflow.WaitForAsync("/health/live", TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }
}
