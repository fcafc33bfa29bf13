namespace Toolflow.Core.Execution;

/// <summary>Publishes committed execution events (to the in-process bus, WebSocket, SSE …).</summary>
public interface IEventPublisher
{
    ValueTask PublishAsync(IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken);
}

/// <summary>Drops every event; for runs nobody watches.</summary>
public sealed class NullEventPublisher : IEventPublisher
{
    public static readonly NullEventPublisher Instance = new();

    public ValueTask PublishAsync(IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
