namespace Toolflow.Storage.Repositories.ApiKeys;

/// <summary>An API key as stored: its prefix and hash, never the key.</summary>
public sealed record ApiKeyRecord(
    Guid Id, Guid UserId, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    internal const string Columns = "id, user_id, name, key_prefix, created_at, last_used_at, revoked_at";

    internal static ApiKeyRecord Read(RowReader row) => new(
        row.Guid("id"), row.Guid("user_id"), row.String("name"), row.String("key_prefix"),
        row.Time("created_at"), row.NullableTime("last_used_at"), row.NullableTime("revoked_at"));
}
