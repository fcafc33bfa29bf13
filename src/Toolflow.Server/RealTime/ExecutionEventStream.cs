using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Events;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.RealTime;

/// <summary>
/// <c>GET /api/v1/executions/{id}/events</c> as Server-Sent Events: <c>id:</c> is the sequence,
/// <c>event:</c> the type. It subscribes to the hub first, then replays what the log holds after
/// <c>Last-Event-ID</c>, then goes live, skipping any sequence already sent — so nothing falls in the gap.
/// A subscriber that overflows its queue is closed; it reconnects with its Last-Event-ID. The stream
/// ends after the execution's final status event (or at once after replay when it had already ended).
/// </summary>
internal static class ExecutionEventStream
{
    public static IEndpointRouteBuilder MapExecutionEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/executions/{id:guid}/events", StreamAsync).WithName("StreamExecutionEvents").WithTags("Executions")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> StreamAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionEventHub hub, IExecutionEventLog log, RealTimeOptions options, TimeProvider clock)
    {
        var cancellation = http.RequestAborted;
        var execution = await repositories.Executions.GetAsync(http.User.ToCaller(), id, cancellation);
        if (execution is null)
        {
            return Problems.NotFound("execution");
        }

        var lastSent = LastEventId(http.Request);
        var key = id.ToString();
        using var subscription = hub.Subscribe(e => string.Equals(e.ExecutionId, key, StringComparison.OrdinalIgnoreCase), options.SubscriberQueueCapacity);

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync(": stream open\n\n", cancellation);
        await http.Response.Body.FlushAsync(cancellation);

        try
        {
            var ended = IsFinal(execution.Status);
            await foreach (var replayed in log.ReadAsync(id, lastSent, cancellation))
            {
                lastSent = await WriteIfNewAsync(http.Response, replayed, lastSent, cancellation);

                // The final status event is logged with the last step, a moment before the row's status
                // follows: the log, not the row, says the story is over.
                ended = EndsTheExecution(replayed) || (ended && !IsRestart(replayed));
            }

            // Already over: the replay was the whole story (a retry re-queues it; the client reconnects).
            if (ended)
            {
                return TypedResults.Empty;
            }

            // Visibility was checked when the stream opened; a key or share revoked since ends it.
            var caller = http.User.ToCaller();
            var keyId = Guid.TryParse(http.User.KeyId(), out var parsed) ? parsed : (Guid?)null;
            async Task<bool> StillAllowedAsync(CancellationToken token) =>
                (keyId is not { } key || await repositories.ApiKeys.IsLiveAsync(key, token))
                && await repositories.Executions.GetAsync(caller, id, token) is not null;
            await PumpLiveAsync(http.Response, subscription, lastSent, new LiveChecks(options.HeartbeatInterval, options.RecheckInterval, StillAllowedAsync, clock), cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }

        return TypedResults.Empty;
    }

    /// <summary>How often the live part writes a keep-alive and asks again whether the caller may still watch.</summary>
    private sealed record LiveChecks(TimeSpan Heartbeat, TimeSpan Recheck, Func<CancellationToken, Task<bool>> StillAllowed, TimeProvider Clock);

    private static async Task PumpLiveAsync(HttpResponse response, EventSubscription subscription, long lastSent, LiveChecks checks, CancellationToken cancellation)
    {
        var reader = subscription.Reader;
        var idle = checks.Heartbeat < checks.Recheck ? checks.Heartbeat : checks.Recheck;
        var checkedAt = checks.Clock.GetTimestamp();
        while (true)
        {
            if (checks.Clock.GetElapsedTime(checkedAt) >= checks.Recheck)
            {
                if (!await checks.StillAllowed(cancellation))
                {
                    return;
                }

                checkedAt = checks.Clock.GetTimestamp();
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            wait.CancelAfter(idle);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                await response.WriteAsync(": keep-alive\n\n", cancellation);
                await response.Body.FlushAsync(cancellation);
                continue;
            }

            if (!more)
            {
                // Closed by the hub: this subscriber overflowed. Ending the stream makes the client reconnect and replay.
                return;
            }

            while (reader.TryRead(out var item))
            {
                lastSent = await WriteIfNewAsync(response, item, lastSent, cancellation);
                if (EndsTheExecution(item))
                {
                    return;
                }
            }
        }
    }

    private static async Task<long> WriteIfNewAsync(HttpResponse response, ExecutionEvent item, long lastSent, CancellationToken cancellation)
    {
        if (item.Sequence <= lastSent)
        {
            return lastSent;
        }

        var data = EventMessage.ToJson(item).ToJsonString();
        var frame = new StringBuilder()
            .Append("id: ").Append(item.Sequence.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(item.Type).Append('\n')
            .Append("data: ").Append(data).Append("\n\n")
            .ToString();
        await response.WriteAsync(frame, cancellation);
        await response.Body.FlushAsync(cancellation);
        return item.Sequence;
    }

    private static bool IsFinal(ExecutionStatus status) => status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled;

    /// <summary>A status event that is not final after a final one: the execution was retried.</summary>
    private static bool IsRestart(ExecutionEvent item) => item.Type == ExecutionEventTypes.Status && !EndsTheExecution(item);

    private static bool EndsTheExecution(ExecutionEvent item) =>
        item.Type == ExecutionEventTypes.Status
        && item.Data["status"] is JsonValue status && status.TryGetValue<string>(out var text)
        && text is "completed" or "failed" or "cancelled";

    /// <summary>The browser's <c>Last-Event-ID</c> header, or <c>?lastEventId=</c> for clients that cannot set headers.</summary>
    private static long LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            text = request.Query["lastEventId"].ToString();
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : 0;
    }
}
