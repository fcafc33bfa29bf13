using System.Text.Json.Nodes;

namespace Toolflow.Storage.Repositories.ToolInstances;

/// <summary>A configured tool: a tool name, its config, and optionally a credential and a workflow.</summary>
public sealed record ToolInstanceRecord(
    Guid Id, Guid OwnerId, Guid? WorkflowId, Guid? CredentialId, string Tool, string Name, JsonObject Config,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal const string Columns = "id, owner_id, workflow_id, credential_id, tool, name, config, created_at, updated_at";

    internal static ToolInstanceRecord Read(RowReader row) => new(
        row.Guid("id"), row.Guid("owner_id"), row.NullableGuid("workflow_id"), row.NullableGuid("credential_id"),
        row.String("tool"), row.String("name"), row.Json("config") as JsonObject ?? [],
        row.Time("created_at"), row.Time("updated_at"));
}

/// <summary>What creating (or, whole, replacing) a tool instance takes.</summary>
public sealed record ToolInstanceInput(string Tool, string Name)
{
    public JsonObject? Config { get; init; }
    public Guid? CredentialId { get; init; }
    public Guid? WorkflowId { get; init; }
}
