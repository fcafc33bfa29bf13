using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>
/// A workflow as a caller sees it: the definition, its metadata, counters and estimates, and
/// <see cref="Permission"/>, the caller's effective permission (owner and admins: admin).
/// </summary>
public sealed record WorkflowRecord
{
    public required Guid Id { get; init; }
    public required Guid OwnerId { get; init; }
    public Guid? TemplateId { get; init; }
    public required WorkflowDefinition Definition { get; init; }
    public required WorkflowStatus Status { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required TriggerType TriggerType { get; init; }
    public string? HookId { get; init; }
    public string? GenerationPrompt { get; init; }
    public string? GenerationModel { get; init; }
    public JsonArray? GenerationConversation { get; init; }
    public int GenerationAttempts { get; init; }
    public long ExecutionCount { get; init; }
    public long SuccessCount { get; init; }
    public long FailureCount { get; init; }
    public DateTimeOffset? LastExecutedAt { get; init; }
    public double? AvgDurationMs { get; init; }
    public long? EstimatedDurationMs { get; init; }
    public decimal? EstimatedCostUsd { get; init; }
    public int ComplexityScore { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required SharePermission Permission { get; init; }

    public string Name => Definition.Name;

    internal const string Columns =
        "w.id, w.owner_id, w.template_id, w.definition, w.status, w.version, w.tags, w.trigger_type, w.hook_id, " +
        "w.generation_prompt, w.generation_model, w.generation_conversation, w.generation_attempts, w.execution_count, " +
        "w.success_count, w.failure_count, w.last_executed_at, w.avg_duration_ms, w.estimated_duration_ms, " +
        "w.estimated_cost_usd, w.complexity_score, w.created_at, w.updated_at";

    /// <summary>Maps a row that has <see cref="Columns"/> and an <c>access</c> column (the permission text).</summary>
    internal static WorkflowRecord Read(RowReader row) => new()
    {
        Id = row.Guid("id"),
        OwnerId = row.Guid("owner_id"),
        TemplateId = row.NullableGuid("template_id"),
        Definition = DefinitionJson.Parse(row.String("definition")),
        Status = SqlText.Parse<WorkflowStatus>(row.String("status")),
        Version = row.Int("version"),
        Tags = row.Tags("tags"),
        TriggerType = SqlText.Parse<TriggerType>(row.String("trigger_type")),
        HookId = row.NullableString("hook_id"),
        GenerationPrompt = row.NullableString("generation_prompt"),
        GenerationModel = row.NullableString("generation_model"),
        GenerationConversation = row.Json("generation_conversation") as JsonArray,
        GenerationAttempts = row.Int("generation_attempts"),
        ExecutionCount = row.Long("execution_count"),
        SuccessCount = row.Long("success_count"),
        FailureCount = row.Long("failure_count"),
        LastExecutedAt = row.NullableTime("last_executed_at"),
        AvgDurationMs = row.NullableDouble("avg_duration_ms"),
        EstimatedDurationMs = row.NullableLong("estimated_duration_ms"),
        EstimatedCostUsd = row.NullableDecimal("estimated_cost_usd"),
        ComplexityScore = row.Int("complexity_score"),
        CreatedAt = row.Time("created_at"),
        UpdatedAt = row.Time("updated_at"),
        Permission = SqlText.Parse<SharePermission>(row.String("access")),
    };
}
