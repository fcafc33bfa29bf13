using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Engine.Events;
using Toolflow.Server.Hosting;

namespace Toolflow.Server.Tests.RealTime;

/// <summary>The real <c>toolflow serve</c> application on a real Kestrel socket at 127.0.0.1 (a free port), in this process.</summary>
public sealed class KestrelToolflow : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("toolflow-kestrel-").FullName;
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public string AdminKey => File.ReadAllText(Path.Combine(dataDirectory, "admin.key")).Trim();

    public ExecutionEventHub Hub => app!.Services.GetRequiredService<ExecutionEventHub>();

    public async Task InitializeAsync()
    {
        // Workers off: these tests publish their own events for executions that must not really run meanwhile.
        app = ToolflowApp.Build("http://127.0.0.1:0", [$"--Database:DataDirectory={dataDirectory}", "--Api:RealTime:SubscriberQueueCapacity=8", "--Api:RealTime:RecheckInterval=00:00:00.200", "--Workers:Enabled=false"]);
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key ?? AdminKey);
        return client;
    }
}
