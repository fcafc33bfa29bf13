using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Engine.Events;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.RealTime;

/// <summary>
/// <c>GET /api/v1/ws</c>: a client sends <c>{"action":"subscribe","executionId"|"workflowId":…}</c>
/// (or <c>unsubscribe</c>) for objects it may view, and receives their events as JSON. One hub
/// subscription per socket with a bounded queue: a client that cannot keep up is closed (1008).
/// </summary>
internal static partial class EventSocket
{
    private const int MaxMessageBytes = 4096;

    public static IEndpointRouteBuilder MapEventSocket(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ws", ConnectAsync).WithName("EventWebSocket").WithTags("Real time")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<IResult> ConnectAsync(
        HttpContext http, ToolflowRepositories repositories, ExecutionEventHub hub, RealTimeOptions options, ApiOptions api, ILoggerFactory loggers, TimeProvider clock)
    {
        if (!OriginPolicy.IsAllowed(http.Request, api.AllowedOrigins))
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Origin not allowed", "this origin may not open a WebSocket here (see Api:AllowedOrigins)");
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "WebSocket required", "connect with a WebSocket upgrade request");
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var session = new Session(socket, http.User.ToCaller(), repositories);
        using var subscription = hub.Subscribe(session.Wants, options.SubscriberQueueCapacity);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var sending = session.SendEventsAsync(subscription, stop.Token);
        var keyId = Guid.TryParse(http.User.KeyId(), out var parsed) ? parsed : (Guid?)null;
        var rechecking = session.RecheckAsync(keyId, options.RecheckInterval, clock, stop.Token);
        try
        {
            await session.ReceiveAsync(stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            LogClosed(loggers.CreateLogger(typeof(EventSocket)), ex.GetType().Name);
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
            await rechecking;
        }

        return TypedResults.Empty;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "WebSocket closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string reason);

    private sealed class Session(WebSocket socket, Caller caller, ToolflowRepositories repositories) : IDisposable
    {
        private readonly ConcurrentDictionary<string, byte> executions = new(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, byte> workflows = new(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim sendLock = new(1, 1);

        public void Dispose() => sendLock.Dispose();

        public bool Wants(Core.Execution.ExecutionEvent e) =>
            executions.ContainsKey(e.ExecutionId) || (e.WorkflowId is { } w && workflows.ContainsKey(w));

        public async Task SendEventsAsync(EventSubscription subscription, CancellationToken cancellation)
        {
            try
            {
                await foreach (var item in subscription.Reader.ReadAllAsync(cancellation))
                {
                    await SendAsync(EventMessage.ToJson(item), cancellation);
                }

                if (subscription.Overflowed && socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "too slow: events were dropped; reconnect", CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The socket is gone; the receive loop ends the session.
            }
        }

        /// <summary>
        /// Visibility was checked when each subscription was made; a share or key revoked since must
        /// stop the events too. Every <paramref name="interval"/>: a revoked key closes the socket
        /// (1008), and a subscription its caller can no longer see is dropped with an
        /// <c>unsubscribed</c> message that says why.
        /// </summary>
        public async Task RecheckAsync(Guid? keyId, TimeSpan interval, TimeProvider clock, CancellationToken cancellation)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(interval, clock, cancellation);
                    if (keyId is { } key && !await repositories.ApiKeys.IsLiveAsync(key, cancellation))
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "the API key was revoked", CancellationToken.None);
                        return;
                    }

                    foreach (var id in executions.Keys)
                    {
                        if (!await VisibleAsync(id, isExecution: true, cancellation) && executions.TryRemove(id, out _))
                        {
                            await SendAsync(Lost(id, null), cancellation);
                        }
                    }

                    foreach (var id in workflows.Keys)
                    {
                        if (!await VisibleAsync(id, isExecution: false, cancellation) && workflows.TryRemove(id, out _))
                        {
                            await SendAsync(Lost(null, id), cancellation);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The session is ending; the receive loop closes it.
            }
        }

        private async Task<bool> VisibleAsync(string id, bool isExecution, CancellationToken cancellation) =>
            isExecution
                ? await repositories.Executions.GetAsync(caller, Guid.Parse(id), cancellation) is not null
                : await repositories.Workflows.GetAsync(caller, Guid.Parse(id), cancellation) is not null;

        private static JsonObject Lost(string? executionId, string? workflowId) =>
            new() { ["type"] = "unsubscribed", ["executionId"] = executionId, ["workflowId"] = workflowId, ["reason"] = "no longer visible to you" };

        public async Task ReceiveAsync(CancellationToken cancellation)
        {
            var buffer = new byte[MaxMessageBytes];
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "messages are at most 4 KiB", cancellation);
                        return;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellation);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                await SendAsync(await HandleAsync(buffer.AsMemory(0, length), cancellation), cancellation);
            }
        }

        private async Task<JsonObject> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellation)
        {
            JsonObject? request;
            try
            {
                request = JsonNode.Parse(message.Span) as JsonObject;
            }
            catch (JsonException)
            {
                request = null;
            }

            var action = Text(request, "action");
            var executionId = Text(request, "executionId");
            var workflowId = Text(request, "workflowId");
            if (action is not ("subscribe" or "unsubscribe") || (executionId is null) == (workflowId is null))
            {
                return Error("send {\"action\":\"subscribe\"|\"unsubscribe\", \"executionId\" or \"workflowId\": \"<id>\"}");
            }

            var (set, id) = executionId is not null ? (executions, executionId) : (workflows, workflowId!);
            if (!Guid.TryParse(id, out var guid))
            {
                return Error("the id is not a UUID");
            }

            if (action == "unsubscribe")
            {
                set.TryRemove(guid.ToString(), out _);
                return Ack("unsubscribed", executionId, workflowId);
            }

            var visible = executionId is not null
                ? await repositories.Executions.GetAsync(caller, guid, cancellation) is not null
                : await repositories.Workflows.GetAsync(caller, guid, cancellation) is not null;
            if (!visible)
            {
                return Error("not found");
            }

            set[guid.ToString()] = 0;
            return Ack("subscribed", executionId, workflowId);
        }

        private async Task SendAsync(JsonObject message, CancellationToken cancellation)
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await sendLock.WaitAsync(cancellation);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellation);
            }
            finally
            {
                sendLock.Release();
            }
        }

        private static JsonObject Ack(string type, string? executionId, string? workflowId) =>
            new() { ["type"] = type, ["executionId"] = executionId, ["workflowId"] = workflowId };

        private static JsonObject Error(string message) => new() { ["type"] = "error", ["message"] = message };

        private static string? Text(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }
}
