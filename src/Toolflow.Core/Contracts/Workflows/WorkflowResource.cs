using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Contracts.Workflows;

/// <summary>
/// A workflow as the API answers it (SPEC §4): the definition's fields at the top level, then
/// its metadata, counters, estimates and generation fields.
/// </summary>
public sealed record WorkflowResource
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public TriggerDefinition? Trigger { get; init; }
    public JsonObject? InputSchema { get; init; }
    public IReadOnlyList<NodeDefinition> Nodes { get; init; } = [];
    public IReadOnlyList<EdgeDefinition> Edges { get; init; } = [];
    public string? Output { get; init; }

    public required int Version { get; init; }
    public required WorkflowStatus Status { get; init; }
    public required Guid OwnerId { get; init; }

    /// <summary>
    /// What the caller may do with it — view, execute, edit or admin (the owner and administrators:
    /// admin) — so a client offers only the actions the server will accept.
    /// </summary>
    public SharePermission? Permission { get; init; }
    public Guid? TemplateId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public long ExecutionCount { get; init; }
    public long SuccessCount { get; init; }
    public long FailureCount { get; init; }
    public DateTimeOffset? LastExecutedAt { get; init; }
    public long? AvgDurationMs { get; init; }

    public long? EstimatedDurationMs { get; init; }
    public decimal? EstimatedCostUsd { get; init; }
    public int ComplexityScore { get; init; }

    /// <summary>Schedule triggers: the next fire times (UTC) while the workflow is active; empty otherwise.</summary>
    public IReadOnlyList<DateTimeOffset>? NextRuns { get; init; }

    public string? GenerationPrompt { get; init; }
    public string? GenerationModel { get; init; }

    /// <summary>The generator's message history, as the model saw it.</summary>
    public JsonArray? GenerationConversation { get; init; }
    public int? GenerationAttempts { get; init; }

    public WorkflowDefinition ToDefinition() => new()
    {
        Name = Name,
        Description = Description,
        Tags = Tags,
        Trigger = Trigger,
        InputSchema = InputSchema,
        Nodes = Nodes,
        Edges = Edges,
        Output = Output,
    };
}
