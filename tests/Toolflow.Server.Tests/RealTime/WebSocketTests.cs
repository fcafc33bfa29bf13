using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Core.Execution;
using Toolflow.Server.Tests.Api;

namespace Toolflow.Server.Tests.RealTime;

public sealed class WebSocketTests(KestrelToolflow server) : IClassFixture<KestrelToolflow>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Subscribe_ToAnExecution_DeliversItsEventsInOrder()
    {
        using var http = server.Client();
        var workflowId = await http.CreateWorkflowAsync();
        var executionId = await http.ExecuteAsync(workflowId);
        using var socket = await ConnectAsync();

        await SendAsync(socket, $$"""{"action":"subscribe","executionId":"{{executionId}}"}""");
        var ack = await ReceiveAsync(socket);
        await server.Hub.PublishAsync(
            [Event(Guid.NewGuid(), 1, workflowId), Event(executionId, 1, workflowId), Event(executionId, 2, workflowId), Event(executionId, 3, workflowId)],
            CancellationToken.None);
        var received = new[] { await ReceiveAsync(socket), await ReceiveAsync(socket), await ReceiveAsync(socket) };

        Assert.Equal("subscribed", ack["type"]!.GetValue<string>());
        Assert.Equal([1L, 2L, 3L], received.Select(e => e["sequence"]!.GetValue<long>()));
        Assert.All(received, e => Assert.Equal(executionId.ToString(), e["executionId"]!.GetValue<string>()));
        Assert.Equal("node.completed", received[0]["type"]!.GetValue<string>());
        Assert.Equal(workflowId.ToString(), received[0]["workflowId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_ToAWorkflow_DeliversEventsOfItsExecutions()
    {
        using var http = server.Client();
        var workflowId = await http.CreateWorkflowAsync();
        using var socket = await ConnectAsync();

        await SendAsync(socket, $$"""{"action":"subscribe","workflowId":"{{workflowId}}"}""");
        await ReceiveAsync(socket);
        var executionId = Guid.NewGuid();
        await server.Hub.PublishAsync([Event(executionId, 7, workflowId)], CancellationToken.None);
        var received = await ReceiveAsync(socket);

        Assert.Equal(executionId.ToString(), received["executionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_ToWhatTheCallerCannotSee_IsRefused()
    {
        using var http = server.Client();
        var executionId = await http.ExecuteAsync(await http.CreateWorkflowAsync());
        using var created = await http.PostJsonAsync("/api/v1/users", $$"""{"email":"ws-{{Guid.NewGuid():N}}@example.org","displayName":"W","role":"member"}""");
        var memberKey = (await created.ReadJsonAsync()).GetProperty("key").GetString()!;
        using var socket = await ConnectAsync(memberKey);

        await SendAsync(socket, $$"""{"action":"subscribe","executionId":"{{executionId}}"}""");
        var answer = await ReceiveAsync(socket);
        await SendAsync(socket, """{"action":"dance"}""");
        var bad = await ReceiveAsync(socket);

        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Equal("error", bad["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ForeignOrigin_IsRefused_OwnOriginIsAccepted()
    {
        using var foreign = new ClientWebSocket();
        foreign.Options.SetRequestHeader("Authorization", $"Bearer {server.AdminKey}");
        foreign.Options.SetRequestHeader("Origin", "https://evil.example");
        foreign.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(SocketUri(), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);

        using var own = new ClientWebSocket();
        own.Options.SetRequestHeader("Authorization", $"Bearer {server.AdminKey}");
        own.Options.SetRequestHeader("Origin", server.BaseAddress.GetLeftPart(UriPartial.Authority));
        await own.ConnectAsync(SocketUri(), CancellationToken.None);
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task WithoutAKey_TheUpgradeIsRefusedWith401()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(SocketUri(), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    [Fact]
    public async Task ASlowClient_IsDropped_RatherThanBuffered()
    {
        using var http = server.Client();
        var executionId = await http.ExecuteAsync(await http.CreateWorkflowAsync());
        using var socket = await ConnectAsync();
        await SendAsync(socket, $$"""{"action":"subscribe","executionId":"{{executionId}}"}""");
        await ReceiveAsync(socket);

        // One burst far beyond the queue (8 here): the hub closes this subscriber instead of growing its queue.
        await server.Hub.PublishAsync([.. Enumerable.Range(1, 10_000).Select(i => Event(executionId, i, null))], CancellationToken.None);
        WebSocketReceiveResult result;
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(Patience);
        var messages = 0;
        do
        {
            result = await socket.ReceiveAsync(buffer, timeout.Token);
            messages += result.EndOfMessage && result.MessageType == WebSocketMessageType.Text ? 1 : 0;
        }
        while (result.MessageType != WebSocketMessageType.Close);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, result.CloseStatus);
        Assert.True(messages < 10_000, $"received all {messages} events");
    }

    [Fact]
    public async Task A_share_revoked_after_subscribing_ends_the_subscription()
    {
        using var http = server.Client();
        var workflowId = await http.CreateWorkflowAsync();
        using var created = await http.PostJsonAsync("/api/v1/users", $$"""{"email":"ws-{{Guid.NewGuid():N}}@example.org","displayName":"W","role":"member"}""");
        var member = await created.ReadJsonAsync();
        using var granted = await http.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{member.GetProperty("id").GetGuid()}}","permission":"view"}""");
        var shareId = (await granted.ReadJsonAsync()).GetProperty("id").GetGuid();
        using var socket = await ConnectAsync(member.GetProperty("key").GetString());
        await SendAsync(socket, $$"""{"action":"subscribe","workflowId":"{{workflowId}}"}""");
        Assert.Equal("subscribed", (await ReceiveAsync(socket))["type"]!.GetValue<string>());

        using (await http.DeleteAsync($"/api/v1/workflows/{workflowId}/shares/{shareId}"))
        {
        }

        var dropped = await ReceiveAsync(socket);
        Assert.Equal("unsubscribed", dropped["type"]!.GetValue<string>());
        Assert.Equal(workflowId.ToString(), dropped["workflowId"]!.GetValue<string>());

        // Nothing of the workflow reaches the socket any more: the next message is the answer to a ping-like request.
        await server.Hub.PublishAsync([Event(Guid.NewGuid(), 1, workflowId)], CancellationToken.None);
        await SendAsync(socket, """{"action":"dance"}""");
        Assert.Equal("error", (await ReceiveAsync(socket))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_key_revoked_after_connecting_closes_the_socket()
    {
        using var http = server.Client();
        using var created = await http.PostJsonAsync("/api/v1/api-keys", """{"name":"short-lived"}""");
        var key = await created.ReadJsonAsync();
        using var socket = await ConnectAsync(key.GetProperty("key").GetString());
        await SendAsync(socket, $$"""{"action":"subscribe","workflowId":"{{await http.CreateWorkflowAsync()}}"}""");
        await ReceiveAsync(socket);

        using (await http.DeleteAsync($"/api/v1/api-keys/{key.GetProperty("id").GetGuid()}"))
        {
        }

        using var timeout = new CancellationTokenSource(Patience);
        var result = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, result.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, result.CloseStatus);
    }

    private Uri SocketUri() => new($"ws://{server.BaseAddress.Authority}/api/v1/ws");

    private async Task<ClientWebSocket> ConnectAsync(string? key = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {key ?? server.AdminKey}");
        await socket.ConnectAsync(SocketUri(), CancellationToken.None);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private static async Task<JsonObject> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(buffer.AsSpan(0, length))!.AsObject();
    }

    internal static ExecutionEvent Event(Guid executionId, long sequence, Guid? workflowId) =>
        new(executionId.ToString(), sequence, "node.completed", DateTimeOffset.UnixEpoch.AddSeconds(sequence), new JsonEventData(new JsonObject { ["nodeId"] = "n" + sequence }))
        {
            WorkflowId = workflowId?.ToString(),
        };

}
