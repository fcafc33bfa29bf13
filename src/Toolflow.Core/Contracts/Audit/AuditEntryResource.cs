using System.Text.Json.Nodes;

namespace Toolflow.Core.Contracts.Audit;

/// <summary>One line of the audit log: who did what to which object, when, from where (SPEC §1 <c>audit_log</c>).</summary>
public sealed record AuditEntryResource
{
    public required Guid Id { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public Guid? ActorUserId { get; init; }

    /// <summary>Who acted when it was not a user's key: e.g. a public link, a webhook, the system.</summary>
    public string? ActorLabel { get; init; }

    public required string Action { get; init; }
    public required string ObjectType { get; init; }
    public string? ObjectId { get; init; }
    public string? IpAddress { get; init; }
    public string? UserAgent { get; init; }
    public JsonObject? Details { get; init; }
}
