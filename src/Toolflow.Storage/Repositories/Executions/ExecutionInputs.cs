using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Executions;

/// <summary>
/// A request to run a workflow's current version. With <see cref="IdempotencyKey"/>, a second
/// request with the same key for the same workflow returns the first execution. With
/// <see cref="Enqueue"/>, a job of kind <c>execution</c> is inserted in the same transaction.
/// </summary>
public sealed record NewExecution(Guid WorkflowId)
{
    public JsonNode? Input { get; init; }
    public string? IdempotencyKey { get; init; }
    public TriggerType TriggerType { get; init; } = TriggerType.Manual;
    public Guid? ParentExecutionId { get; init; }

    /// <summary>The parent's node that waits for this child (flow.subworkflow).</summary>
    public string? ParentNodeId { get; init; }

    public bool Enqueue { get; init; } = true;
    public int Priority { get; init; }
    public DateTimeOffset? RunAt { get; init; }
}

/// <summary>The execution and whether this call created it (false: an earlier call with the same key did).</summary>
public sealed record ExecutionCreation(ExecutionRecord Execution, bool Created);

/// <summary>Fields a transition may set besides the status; null leaves a field as it is.</summary>
public sealed record ExecutionChanges
{
    public JsonNode? Output { get; init; }
    public JsonNode? Error { get; init; }
    public JsonNode? Checkpoint { get; init; }
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>For a transition to queued: insert the execution's job in the same transaction.</summary>
    public bool Enqueue { get; init; }
}

/// <summary>The progress counters the engine keeps (SPEC §2 "Progress").</summary>
public sealed record ExecutionProgress(int TotalSteps, int StepsCompleted, int StepsFailed, int StepsSkipped)
{
    public IReadOnlyList<string> CurrentNodes { get; init; } = [];
    public JsonObject? ResourceUsage { get; init; }
}

/// <summary>GET /workflows/{id}/executions: newest first; ranges are [from, to) on created_at.</summary>
public sealed record ExecutionListQuery
{
    public IReadOnlyList<ExecutionStatus>? Statuses { get; init; }
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}
