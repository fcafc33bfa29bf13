using System.Globalization;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.Audit;

/// <summary>
/// The append-only audit trail. Callers pass what happened; the repository stamps the id and the
/// time. Reading is for administrators (the API decides who may); lists are newest first.
/// </summary>
public sealed class AuditLogRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    public Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        new Check().Name("/action", entry.Action, 100).Name("/objectType", entry.ObjectType, 100)
            .Optional("/objectId", entry.ObjectId, 200).Optional("/actorLabel", entry.ActorLabel, 320)
            .Optional("/ipAddress", entry.IpAddress, 64).Optional("/userAgent", entry.UserAgent, 1000)
            .ThrowIfAny();
        var stored = entry with { Id = Guid.CreateVersion7(), OccurredAt = Clock.Now(time), Details = entry.Details ?? [] };
        return _sql.WriteAsync(
            async db =>
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO audit_log (id, occurred_at, actor_user_id, actor_label, action, object_type, object_id, ip_address, user_agent, details)
                    VALUES (@id, @at, @actor, @label, @action, @type, @object, @ip, @agent, @details)
                    """,
                    ("id", stored.Id), ("at", stored.OccurredAt), ("actor", stored.ActorUserId), ("label", stored.ActorLabel),
                    ("action", stored.Action), ("type", stored.ObjectType), ("object", stored.ObjectId), ("ip", stored.IpAddress),
                    ("agent", stored.UserAgent), ("details", new JsonText(stored.Details!.ToJsonString())));
                return stored;
            },
            cancellationToken);
    }

    /// <summary>What happened to one object.</summary>
    public Task<Page<AuditEntry>> ListByObjectAsync(string objectType, string objectId, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        ListAsync("object_type = @type AND object_id = @object", "audit:object", cursor, limit, cancellationToken, ("type", objectType), ("object", objectId));

    /// <summary>Everything, newest first (the administrators' view).</summary>
    public Task<Page<AuditEntry>> ListAllAsync(string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        ListAsync("1 = 1", "audit:all", cursor, limit, cancellationToken);

    /// <summary>What one user did.</summary>
    public Task<Page<AuditEntry>> ListByActorAsync(Guid actorUserId, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        ListAsync("actor_user_id = @actor", "audit:actor", cursor, limit, cancellationToken, ("actor", actorUserId));

    private Task<Page<AuditEntry>> ListAsync(
        string where, string sortName, string? cursor, int? limit, CancellationToken cancellationToken, params (string, object?)[] filter)
    {
        var size = PageSize.Of(limit);
        var after = PageCursor.Decode(cursor, sortName);
        return _sql.ReadAsync(
            async db =>
            {
                var parameters = filter.ToList();
                parameters.Add(("limit", size + 1));
                var keyset = "";
                if (after is not null)
                {
                    keyset = " AND (occurred_at < @afterAt OR (occurred_at = @afterAt AND id < @afterId))";
                    parameters.Add(("afterAt", DateTimeOffset.Parse(after.Value ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
                    parameters.Add(("afterId", after.Id));
                }

                var rows = await db.ListAsync(
                    $"SELECT {AuditEntry.Columns} FROM audit_log WHERE {where}{keyset} ORDER BY occurred_at DESC, id DESC LIMIT @limit",
                    AuditEntry.Read, [.. parameters]);
                var last = rows.Count > size ? rows[size - 1] : null;
                var next = last is null ? null : new PageCursor(sortName, last.OccurredAt.ToString("O", CultureInfo.InvariantCulture), last.Id).Encode();
                return new Page<AuditEntry>(rows.Take(size).ToList(), next);
            },
            cancellationToken);
    }
}
