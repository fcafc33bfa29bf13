using System.Net.Http.Headers;
using Toolflow.Server.Tests.Processes;

namespace Toolflow.Server.Tests.Headless;

/// <summary>One headless <c>toolflow serve</c> on SQLite in a folder of its own, shared by a test class, started on first use.</summary>
public sealed class HeadlessServer : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-headless-").FullName;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ToolflowProcess? process;

    public string Folder => folder;

    public async Task<HttpClient> ClientAsync(bool authenticated = true)
    {
        var server = await StartAsync();
        var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(folder, "data", "admin.key"))).Trim());
        }

        return client;
    }

    public string Output => process?.Output ?? string.Empty;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    private async Task<ToolflowProcess> StartAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (process is null)
            {
                var address = new Uri($"http://127.0.0.1:{ToolflowProcess.FreePort()}");
                process = ToolflowProcess.StartExecutable(HeadlessBinary.Require(), folder, ["serve", "--urls", address.ToString()], baseAddress: address);
                using var ready = await process.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
            }

            return process;
        }
        finally
        {
            gate.Release();
        }
    }
}
