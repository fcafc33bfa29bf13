using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution;

/// <summary>Everything the engine needs to (re)start an execution, as last committed.</summary>
public sealed record ExecutionSnapshot
{
    public required string ExecutionId { get; init; }
    public string? WorkflowId { get; init; }
    public required WorkflowDefinition Definition { get; init; }
    public JsonNode? Input { get; init; }
    public ExecutionStatus Status { get; init; } = ExecutionStatus.Queued;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public IReadOnlyDictionary<string, NodeResult> Nodes { get; init; } = new Dictionary<string, NodeResult>();

    /// <summary>Pause or cancel asked for from outside and not yet acted on.</summary>
    public ControlRequest RequestedControl { get; init; }

    /// <summary>Signals delivered to waiting nodes and not yet consumed, by node id.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Signals { get; init; } = new Dictionary<string, JsonNode?>();
    public JsonNode? Output { get; init; }
    public ExecutionError? Error { get; init; }
    public ExecutionProgress Progress { get; init; } = new();
    public ResourceUsage Usage { get; init; } = ResourceUsage.None;

    /// <summary>The sequence number of the last committed event.</summary>
    public long LastSequence { get; init; }

    /// <summary>When paused while waiting: how much of each node's wait was left, so resume waits out only that.</summary>
    public IReadOnlyDictionary<string, TimeSpan> RemainingWaits { get; init; } = new Dictionary<string, TimeSpan>();
}

public enum ControlRequest
{
    None,
    Pause,
    Cancel,
}

/// <summary>
/// Why an execution failed. <paramref name="Retryable"/>: the node failure that ended it was of a transient kind
/// (a timeout, a 5xx or 429, a dropped connection), so a retry of the execution (POST …/retry) may succeed.
/// </summary>
public sealed record ExecutionError(string Code, string Message, string? NodeId = null, bool Retryable = false)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["code"] = Code, ["message"] = Message, ["retryable"] = Retryable };
        if (NodeId is not null)
        {
            json["nodeId"] = NodeId;
        }

        return json;
    }
}

/// <summary>The progress counters of SPEC §2.</summary>
public sealed record ExecutionProgress
{
    public int TotalSteps { get; init; }
    public int StepsCompleted { get; init; }
    public int StepsFailed { get; init; }
    public int StepsSkipped { get; init; }
    public IReadOnlyList<string> CurrentNodes { get; init; } = [];
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }
}
