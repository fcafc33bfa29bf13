using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Core.Execution;
using Toolflow.Engine.Events;
using Toolflow.Server.RealTime;
using Toolflow.Server.Tests.Api;

namespace Toolflow.Server.Tests.RealTime;

public sealed class ServerSentEventsTests(ServerSentEventsTests.ReplayFactory factory) : IClassFixture<ServerSentEventsTests.ReplayFactory>
{
    [Fact]
    public async Task Stream_DeliversPublishedEventsInOrder_WithIdAndEventType()
    {
        using var client = factory.AdminClient();
        var workflowId = await client.CreateWorkflowAsync();
        var executionId = await client.ExecuteAsync(workflowId);
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ApiTestData.Uri($"/api/v1/executions/{executionId}/events")), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await ReadFrameAsync(reader); // ": stream open" — the subscription exists from here on

        var hub = factory.Services.GetRequiredService<ExecutionEventHub>();
        await hub.PublishAsync(
            [WebSocketTests.Event(executionId, 1, workflowId), WebSocketTests.Event(Guid.NewGuid(), 1, workflowId), WebSocketTests.Event(executionId, 2, workflowId),
             WebSocketTests.Event(executionId, 2, workflowId), WebSocketTests.Event(executionId, 3, workflowId)],
            CancellationToken.None);
        var frames = new[] { await ReadFrameAsync(reader), await ReadFrameAsync(reader), await ReadFrameAsync(reader) };

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["1", "2", "3"], frames.Select(f => f["id"]));
        Assert.All(frames, f => Assert.Equal("node.completed", f["event"]));
        Assert.Contains($"\"executionId\":\"{executionId}\"", frames[0]["data"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_WithLastEventId_ReplaysFromTheLog_ThenGoesLive_WithoutDuplicates()
    {
        using var client = factory.AdminClient();
        var workflowId = await client.CreateWorkflowAsync();
        var executionId = await client.ExecuteAsync(workflowId);
        factory.Log.Events[executionId] = [.. Enumerable.Range(1, 3).Select(i => WebSocketTests.Event(executionId, i, workflowId))];
        using var request = new HttpRequestMessage(HttpMethod.Get, ApiTestData.Uri($"/api/v1/executions/{executionId}/events"));
        request.Headers.Add("Last-Event-ID", "1");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await ReadFrameAsync(reader);

        var replayed = new[] { await ReadFrameAsync(reader), await ReadFrameAsync(reader) };
        await factory.Services.GetRequiredService<ExecutionEventHub>().PublishAsync(
            [WebSocketTests.Event(executionId, 3, workflowId), WebSocketTests.Event(executionId, 4, workflowId)], CancellationToken.None);
        var live = await ReadFrameAsync(reader);

        Assert.Equal(["2", "3"], replayed.Select(f => f["id"]));
        Assert.Equal("4", live["id"]);
    }

    [Fact]
    public async Task Stream_EndsAfterTheFinalStatusEvent()
    {
        using var client = factory.AdminClient();
        var workflowId = await client.CreateWorkflowAsync();
        var executionId = await client.ExecuteAsync(workflowId);
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ApiTestData.Uri($"/api/v1/executions/{executionId}/events")), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        await ReadFrameAsync(reader);

        var done = WebSocketTests.Event(executionId, 1, workflowId) with
        {
            Type = ExecutionEventTypes.Status,
            Payload = new JsonEventData(new System.Text.Json.Nodes.JsonObject { ["status"] = "completed" }),
        };
        await factory.Services.GetRequiredService<ExecutionEventHub>().PublishAsync([done], CancellationToken.None);
        var frame = await ReadFrameAsync(reader);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        Assert.Equal("execution.status", frame["event"]);
        Assert.Null(await reader.ReadLineAsync(timeout.Token));
    }

    [Fact]
    public async Task Stream_EndsWhenTheCallersShareIsRevoked()
    {
        using var admin = factory.AdminClient();
        var workflowId = await admin.CreateWorkflowAsync();
        var executionId = await admin.ExecuteAsync(workflowId);
        var (memberId, member) = await factory.CreateMemberAsync();
        using (member)
        {
            using var granted = await admin.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{memberId}}","permission":"view"}""");
            var shareId = (await granted.ReadJsonAsync()).GetProperty("id").GetGuid();
            using var response = await member.SendAsync(new HttpRequestMessage(HttpMethod.Get, ApiTestData.Uri($"/api/v1/executions/{executionId}/events")), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            await ReadFrameAsync(reader);

            using (await admin.DeleteAsync($"/api/v1/workflows/{workflowId}/shares/{shareId}"))
            {
            }

            // Keep-alive comments may come first; then the stream ends (no event frame in between).
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                Assert.True(line.Length == 0 || line.StartsWith(':'), $"unexpected line after the share was revoked: {line}");
            }
        }
    }

    /// <summary>Reads one SSE frame (lines up to a blank line) as field → value; a comment frame comes back empty.</summary>
    private static async Task<Dictionary<string, string>> ReadFrameAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var frame = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                return frame;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                frame[line[..colon]] = line[(colon + 1)..].TrimStart();
            }
        }

        throw new EndOfStreamException("the stream ended");
    }

    /// <summary>The factory with a fake persisted event log.</summary>
    public sealed class ReplayFactory : ToolflowFactory
    {
        public FakeEventLog Log { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Api:RealTime:RecheckInterval"] = "00:00:00.200",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IExecutionEventLog>(Log));
        }
    }

    public sealed class FakeEventLog : IExecutionEventLog
    {
        public System.Collections.Concurrent.ConcurrentDictionary<Guid, ExecutionEvent[]> Events { get; } = new();

        public async IAsyncEnumerable<ExecutionEvent> ReadAsync(Guid executionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var item in Events.GetValueOrDefault(executionId) ?? [])
            {
                if (item.Sequence > afterSequence)
                {
                    yield return item;
                }
            }
        }
    }
}
