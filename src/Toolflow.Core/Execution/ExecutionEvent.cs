using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>An event of one execution; <see cref="Sequence"/> is gap-free per execution, assigned at commit.</summary>
public sealed record ExecutionEvent(string ExecutionId, long Sequence, string Type, DateTimeOffset Timestamp, EventData Payload)
{
    /// <summary>The workflow the execution runs, so subscribers can follow a whole workflow.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>The event's JSON body, built on demand (most events are never serialised in-process).</summary>
    public JsonObject Data => Payload.ToJson();
}

/// <summary>An event the engine wants committed; the store gives it its sequence number.</summary>
public sealed record PendingEvent(string Type, DateTimeOffset Timestamp, EventData Payload);

/// <summary>
/// The body of an event. Kept as typed data and turned into JSON only when someone reads it, so
/// that an engine nobody watches does not build JSON for every step.
/// </summary>
public abstract class EventData
{
    public abstract JsonObject ToJson();
}

/// <summary>An event body that already is JSON.</summary>
public sealed class JsonEventData(JsonObject json) : EventData
{
    public override JsonObject ToJson() => (JsonObject)json.DeepClone();
}

/// <summary>The event types of SPEC §4.</summary>
public static class ExecutionEventTypes
{
    public const string Status = "execution.status";
    public const string NodeStarted = "node.started";
    public const string NodeCompleted = "node.completed";
    public const string NodeFailed = "node.failed";
    public const string Progress = "progress";
}
