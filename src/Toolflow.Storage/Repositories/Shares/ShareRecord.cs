using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Shares;

/// <summary>A grant to a user (<see cref="GranteeUserId"/>) or a public link (<see cref="TokenPrefix"/>; the token itself is never stored).</summary>
public sealed record ShareRecord(
    Guid Id, Guid WorkflowId, Guid? GranteeUserId, string? TokenPrefix, SharePermission Permission, DateTimeOffset? ExpiresAt,
    Guid? CreatedBy, long AccessCount, DateTimeOffset? LastAccessedAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt)
{
    public bool IsPublicLink => TokenPrefix is not null;

    internal const string Columns =
        "id, workflow_id, grantee_user_id, token_prefix, permission, expires_at, created_by, access_count, last_accessed_at, revoked_at, created_at";

    internal static ShareRecord Read(RowReader row) => new(
        row.Guid("id"), row.Guid("workflow_id"), row.NullableGuid("grantee_user_id"), row.NullableString("token_prefix"),
        SqlText.Parse<SharePermission>(row.String("permission")), row.NullableTime("expires_at"), row.NullableGuid("created_by"),
        row.Long("access_count"), row.NullableTime("last_accessed_at"), row.NullableTime("revoked_at"), row.Time("created_at"));
}

/// <summary>A new public link; <see cref="Token"/> is shown to the creator once and never again.</summary>
public sealed record PublicLinkCreated(ShareRecord Share, string Token)
{
    public override string ToString() => $"PublicLinkCreated {{ Share = {Share.Id}, Prefix = {Share.TokenPrefix} }}";
}

/// <summary>One counted use of a public link: the link, and its workflow as the link may see it (Permission = the link's).</summary>
public sealed record PublicLinkUse(ShareRecord Share, Workflows.WorkflowRecord Workflow);
