using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Server.RealTime;
using Toolflow.Server.Tests.Templates;
using Toolflow.Tools.Tests.Http;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// Pause, then Resume before the running node finished, through the real pipeline with this process's
/// workers (the host's engine runs it): the pause is undone and the execution never reaches <c>paused</c>.
/// </summary>
public sealed class ResumeWhilePausingApiTests(StarterTemplateRunTests.PeerAllowingFactory factory) : IClassFixture<StarterTemplateRunTests.PeerAllowingFactory>
{
    [Fact]
    public async Task ResumeWhilePausing_AnswersRunning_AndTheExecutionCompletesWithoutPausing()
    {
        await using var peer = await HeldCall.StartAsync();
        using var client = factory.AdminClient();
        using var created = await client.PostJsonAsync("/api/v1/workflows", $$$"""
            { "name": "Held call", "status": "active",
              "nodes": [
                { "id": "call", "tool": "http.request", "config": { "url": "{{{peer.Url}}}" } },
                { "id": "after", "tool": "data.template", "config": { "template": "held={{ nodes.call.output.body.held }}" } } ],
              "edges": [ { "source": "call", "target": "after" } ] }
            """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await client.ExecuteAsync((await created.ReadJsonAsync()).GetProperty("id").GetGuid(), "{}");
        await peer.Called.WaitAsync(TimeSpan.FromSeconds(60));

        using var pause = await client.PostEmptyAsync($"/api/v1/executions/{id}/pause");
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        await client.WaitForExecutionAsync(id, "pausing");
        using var resume = await client.PostEmptyAsync($"/api/v1/executions/{id}/resume");
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal("running", (await resume.ReadJsonAsync()).GetProperty("status").GetString());

        peer.Release();
        var completed = await client.WaitForExecutionAsync(id, "completed", "paused", "failed");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal("held=true", completed.GetProperty("output").GetProperty("after").GetProperty("text").GetString());

        var statuses = new List<string>();
        await foreach (var e in factory.Services.GetRequiredService<IExecutionEventLog>().ReadAsync(id, 0, CancellationToken.None))
        {
            if (e.Type == Core.Execution.ExecutionEventTypes.Status)
            {
                statuses.Add(e.Data["status"]!.GetValue<string>());
            }
        }

        Assert.Equal(["running", "pausing", "running", "completed"], statuses);
    }

    [Fact]
    public async Task Resume_OfARunningExecutionNobodyPaused_Answers409_SayingWhatToDo()
    {
        await using var peer = await HeldCall.StartAsync();
        using var client = factory.AdminClient();
        using var created = await client.PostJsonAsync("/api/v1/workflows", $$$"""
            { "name": "Held call", "status": "active",
              "nodes": [ { "id": "call", "tool": "http.request", "config": { "url": "{{{peer.Url}}}" } } ] }
            """);
        var id = await client.ExecuteAsync((await created.ReadJsonAsync()).GetProperty("id").GetGuid(), "{}");
        await peer.Called.WaitAsync(TimeSpan.FromSeconds(60));

        using var resume = await client.PostEmptyAsync($"/api/v1/executions/{id}/resume");
        var problem = await resume.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("pause it first", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        peer.Release();
        await client.WaitForExecutionAsync(id, "completed");
    }

    /// <summary>A local HTTP peer whose <c>/hold</c> answers only when released: a node that stays running as long as a test needs.</summary>
    private sealed class HeldCall : IAsyncDisposable
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource called = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private LocalHttpPeer? peer;

        public Uri Url => peer!.Url("/hold");

        public Task Called => called.Task;

        public static async Task<HeldCall> StartAsync()
        {
            var held = new HeldCall();
            held.peer = await LocalHttpPeer.StartAsync(app => app.MapGet("/hold", async () =>
            {
                held.called.TrySetResult();
                await held.release.Task;
                return Results.Json(new { held = true });
            }));
            return held;
        }

        public void Release() => release.TrySetResult();

        public async ValueTask DisposeAsync()
        {
            release.TrySetResult();
            if (peer is not null)
            {
                await peer.DisposeAsync();
            }
        }
    }
}
