using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Executions;

/// <summary>One run of one workflow version; <see cref="Nodes"/> is filled by the single-execution reads.</summary>
public sealed record ExecutionRecord
{
    public required Guid Id { get; init; }
    public required Guid WorkflowId { get; init; }
    public required int WorkflowVersion { get; init; }
    public Guid? ParentExecutionId { get; init; }
    public Guid? TriggeredBy { get; init; }
    public required TriggerType TriggerType { get; init; }
    public required ExecutionStatus Status { get; init; }
    public string? IdempotencyKey { get; init; }
    public JsonNode? Input { get; init; }
    public JsonNode? Output { get; init; }
    public JsonNode? Error { get; init; }
    public JsonNode? Checkpoint { get; init; }
    public int TotalSteps { get; init; }
    public int StepsCompleted { get; init; }
    public int StepsFailed { get; init; }
    public int StepsSkipped { get; init; }
    public IReadOnlyList<string> CurrentNodes { get; init; } = [];
    public JsonObject? ResourceUsage { get; init; }
    public bool PauseRequested { get; init; }
    public DateTimeOffset? PausedAt { get; init; }
    public DateTimeOffset? ResumedAt { get; init; }
    public DateTimeOffset? WakeAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public IReadOnlyList<NodeExecutionRecord> Nodes { get; init; } = [];

    internal const string Columns =
        "e.id, e.workflow_id, e.workflow_version, e.parent_execution_id, e.triggered_by, e.trigger_type, e.status, e.idempotency_key, " +
        "e.input, e.output, e.error, e.checkpoint, e.total_steps, e.steps_completed, e.steps_failed, e.steps_skipped, e.current_nodes, " +
        "e.resource_usage, e.pause_requested, e.paused_at, e.resumed_at, e.wake_at, e.started_at, e.completed_at, e.duration_ms, " +
        "e.created_at, e.updated_at";

    internal static ExecutionRecord Read(RowReader row) => new()
    {
        Id = row.Guid("id"),
        WorkflowId = row.Guid("workflow_id"),
        WorkflowVersion = row.Int("workflow_version"),
        ParentExecutionId = row.NullableGuid("parent_execution_id"),
        TriggeredBy = row.NullableGuid("triggered_by"),
        TriggerType = SqlText.Parse<TriggerType>(row.String("trigger_type")),
        Status = SqlText.Parse<ExecutionStatus>(row.String("status")),
        IdempotencyKey = row.NullableString("idempotency_key"),
        Input = row.Json("input"),
        Output = row.Json("output"),
        Error = row.Json("error"),
        Checkpoint = row.Json("checkpoint"),
        TotalSteps = row.Int("total_steps"),
        StepsCompleted = row.Int("steps_completed"),
        StepsFailed = row.Int("steps_failed"),
        StepsSkipped = row.Int("steps_skipped"),
        CurrentNodes = (row.Json("current_nodes") as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToArray() ?? [],
        ResourceUsage = row.Json("resource_usage") as JsonObject,
        PauseRequested = row.Bool("pause_requested"),
        PausedAt = row.NullableTime("paused_at"),
        ResumedAt = row.NullableTime("resumed_at"),
        WakeAt = row.NullableTime("wake_at"),
        StartedAt = row.NullableTime("started_at"),
        CompletedAt = row.NullableTime("completed_at"),
        DurationMs = row.NullableLong("duration_ms"),
        CreatedAt = row.Time("created_at"),
        UpdatedAt = row.Time("updated_at"),
    };
}
