using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>An event of one execution; <see cref="Sequence"/> is gap-free per execution, assigned at commit.</summary>
public sealed record ExecutionEvent(string ExecutionId, long Sequence, string Type, DateTimeOffset Timestamp, JsonObject Data);

/// <summary>An event the engine wants committed; the store gives it its sequence number.</summary>
public sealed record PendingEvent(string Type, DateTimeOffset Timestamp, JsonObject Data);

/// <summary>The event types of SPEC §4.</summary>
public static class ExecutionEventTypes
{
    public const string Status = "execution.status";
    public const string NodeStarted = "node.started";
    public const string NodeCompleted = "node.completed";
    public const string NodeFailed = "node.failed";
    public const string Progress = "progress";
}
