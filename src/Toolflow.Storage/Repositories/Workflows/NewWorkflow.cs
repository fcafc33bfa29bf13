using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>What creating a workflow takes: a definition the caller has already validated, and metadata.</summary>
public sealed record NewWorkflow(WorkflowDefinition Definition)
{
    public WorkflowStatus Status { get; init; } = WorkflowStatus.Draft;
    public Guid? TemplateId { get; init; }
    public string? GenerationPrompt { get; init; }
    public string? GenerationModel { get; init; }
    public JsonArray? GenerationConversation { get; init; }
    public int GenerationAttempts { get; init; }
}

/// <summary>
/// An update from a known <see cref="ExpectedVersion"/>. A changed <see cref="Definition"/> makes a
/// new version; a status-only change does not (version numbers the definition's history).
/// </summary>
public sealed record WorkflowUpdate(int ExpectedVersion)
{
    public WorkflowDefinition? Definition { get; init; }
    public WorkflowStatus? Status { get; init; }

    /// <summary>With a changed definition: the generator's fields, written in the same statement (a follow-up prompt).</summary>
    public GenerationFields? Generation { get; init; }
}

/// <summary>The generator's fields of a workflow (SPEC §1), as a follow-up prompt leaves them.</summary>
public sealed record GenerationFields(string? Model, JsonArray Conversation, int Attempts);

/// <summary>One saved version of a workflow's definition.</summary>
public sealed record WorkflowVersionRecord(Guid WorkflowId, int Version, WorkflowDefinition Definition, Guid? CreatedBy, DateTimeOffset CreatedAt)
{
    internal static WorkflowVersionRecord Read(RowReader row) => new(
        row.Guid("workflow_id"), row.Int("version"), DefinitionJson.Parse(row.String("definition")),
        row.NullableGuid("created_by"), row.Time("created_at"));
}
