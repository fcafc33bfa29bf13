using System.Text.Json.Nodes;

namespace Toolflow.Storage.Repositories.Audit;

/// <summary>One line of the audit trail: who (id and a label that survives the user), did what, to which object, from where.</summary>
public sealed record AuditEntry
{
    public Guid Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? ActorUserId { get; init; }
    public string? ActorLabel { get; init; }
    public required string Action { get; init; }
    public required string ObjectType { get; init; }
    public string? ObjectId { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    public JsonObject? Details { get; init; }

    internal const string Columns = "id, occurred_at, actor_user_id, actor_label, action, object_type, object_id, ip_address, user_agent, details";

    internal static AuditEntry Read(RowReader row) => new()
    {
        Id = row.Guid("id"),
        OccurredAt = row.Time("occurred_at"),
        ActorUserId = row.NullableGuid("actor_user_id"),
        ActorLabel = row.NullableString("actor_label"),
        Action = row.String("action"),
        ObjectType = row.String("object_type"),
        ObjectId = row.NullableString("object_id"),
        IpAddress = row.NullableString("ip_address"),
        UserAgent = row.NullableString("user_agent"),
        Details = row.Json("details") as JsonObject,
    };
}
