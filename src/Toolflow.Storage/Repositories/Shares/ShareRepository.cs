using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.Repositories.Shares;

/// <summary>
/// Shares of a workflow. Granting, listing and revoking need admin permission on it (its owner,
/// an admin share, or the admin role); a workflow the caller cannot see is <see cref="NotFoundException"/>.
/// </summary>
public sealed class ShareRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    /// <summary>Shares with a user; a live share to the same user is replaced (permission and expiry).</summary>
    public Task<ShareRecord> GrantAsync(
        Caller caller, Guid workflowId, Guid granteeUserId, SharePermission permission, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        new Check().Enum("/permission", permission).ThrowIfAny();
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                var workflow = await DemandAdminAsync(db, caller, workflowId, now);
                new Check()
                    .That(granteeUserId != workflow.OwnerId, "/userId", "is the workflow's owner")
                    .That(await db.ScalarAsync("SELECT 1 FROM users WHERE id = @id", ("id", granteeUserId)) is not null, "/userId", "names no user")
                    .That(expiresAt is null || expiresAt > now, "/expiresAt", "is in the past")
                    .ThrowIfAny();
                var sets = ("permission", (object?)SqlText.Of(permission));
                var existing = await db.ScalarAsync(
                    "SELECT id FROM workflow_shares WHERE workflow_id = @workflow AND grantee_user_id = @user AND revoked_at IS NULL",
                    ("workflow", workflowId), ("user", granteeUserId));
                var id = existing is null ? Guid.CreateVersion7() : existing as Guid? ?? Guid.Parse((string)existing);
                await db.ExecuteAsync(
                    existing is null
                        ? """
                          INSERT INTO workflow_shares (id, workflow_id, grantee_user_id, permission, expires_at, created_by, created_at, updated_at)
                          VALUES (@id, @workflow, @user, @permission, @expires, @by, @now, @now)
                          """
                        : "UPDATE workflow_shares SET permission = @permission, expires_at = @expires, updated_at = @now WHERE id = @id",
                    ("id", id), ("workflow", workflowId), ("user", granteeUserId), sets, ("expires", expiresAt), ("by", caller.UserId), ("now", now));
                return (await ReadAsync(db, id))!;
            },
            cancellationToken);
    }

    /// <summary>Creates a public link (view or execute only); the token is in the answer and nowhere else.</summary>
    public Task<PublicLinkCreated> CreatePublicLinkAsync(
        Caller caller, Guid workflowId, SharePermission permission, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        new Check().Enum("/permission", permission)
            .That(permission is SharePermission.View or SharePermission.Execute, "/permission", "a public link may only view or execute")
            .ThrowIfAny();
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                await DemandAdminAsync(db, caller, workflowId, now);
                new Check().That(expiresAt is null || expiresAt > now, "/expiresAt", "is in the past").ThrowIfAny();
                var (token, prefix, hash) = ShareTokens.Generate();
                var id = Guid.CreateVersion7();
                await db.ExecuteAsync(
                    """
                    INSERT INTO workflow_shares (id, workflow_id, token_hash, token_prefix, permission, expires_at, created_by, created_at, updated_at)
                    VALUES (@id, @workflow, @hash, @prefix, @permission, @expires, @by, @now, @now)
                    """,
                    ("id", id), ("workflow", workflowId), ("hash", hash), ("prefix", prefix), ("permission", SqlText.Of(permission)),
                    ("expires", expiresAt), ("by", caller.UserId), ("now", now));
                return new PublicLinkCreated((await ReadAsync(db, id))!, token);
            },
            cancellationToken);
    }

    /// <summary>Every share of the workflow, revoked ones included, newest first.</summary>
    public Task<IReadOnlyList<ShareRecord>> ListAsync(Caller caller, Guid workflowId, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<ShareRecord>>(
            async db =>
            {
                await DemandAdminAsync(db, caller, workflowId, Clock.Now(time));
                return await db.ListAsync(
                    $"SELECT {ShareRecord.Columns} FROM workflow_shares WHERE workflow_id = @workflow ORDER BY id DESC", ShareRecord.Read, ("workflow", workflowId));
            },
            cancellationToken);

    /// <summary>Revokes a live share of the workflow; false when there is no such live share.</summary>
    public Task<bool> RevokeAsync(Caller caller, Guid workflowId, Guid shareId, CancellationToken cancellationToken = default)
    {
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                await DemandAdminAsync(db, caller, workflowId, now);
                return await db.ExecuteAsync(
                    "UPDATE workflow_shares SET revoked_at = @now, updated_at = @now WHERE id = @id AND workflow_id = @workflow AND revoked_at IS NULL",
                    ("now", now), ("id", shareId), ("workflow", workflowId)) > 0;
            },
            cancellationToken);
    }

    /// <summary>
    /// The live public link for <paramref name="token"/> and its workflow, counting this use
    /// (access_count + 1, last_accessed_at) in one atomic UPDATE; null — and nothing counted — for a
    /// wrong, revoked or expired token, or one whose workflow is archived or gone. The workflow comes
    /// back with the link's permission, never more.
    /// </summary>
    public Task<PublicLinkUse?> UseTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = Clock.Now(time);
        var hash = ShareTokens.Hash(token);
        return _sql.WriteAsync(
            async db =>
            {
                // Found by the SHA-256 of the token (an index probe on a hash reveals nothing usable to a
                // timing attacker); the final comparison is constant-time all the same.
                var stored = await db.ListAsync(
                    "SELECT id, token_hash FROM workflow_shares WHERE token_hash = @hash", row => (Id: row.Guid("id"), Hash: row.String("token_hash")), ("hash", hash));
                if (stored is not [var match] || !ShareTokens.HashesEqual(match.Hash, hash))
                {
                    return null;
                }

                var share = await db.SingleOrDefaultAsync(
                    $"""
                    UPDATE workflow_shares SET access_count = access_count + 1, last_accessed_at = @now
                     WHERE id = @id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)
                       AND EXISTS (SELECT 1 FROM workflows AS w WHERE w.id = workflow_shares.workflow_id AND w.status <> 'archived')
                     RETURNING {ShareRecord.Columns}
                    """,
                    ShareRecord.Read, ("id", match.Id), ("now", now));
                if (share is null)
                {
                    return null;
                }

                var gate = (await WorkflowGate.FindAsync(db, null, share.WorkflowId, now))!;
                var workflow = (await WorkflowRepository.GetAsync(db, new Caller(gate.OwnerId, UserRole.Member), share.WorkflowId, now))!;
                return new PublicLinkUse(share, workflow with { Permission = share.Permission });
            },
            cancellationToken);
    }

    private static async Task<WorkflowGate> DemandAdminAsync(Db db, Caller caller, Guid workflowId, DateTimeOffset now)
    {
        var workflow = await WorkflowGate.FindAsync(db, caller, workflowId, now) ?? throw new NotFoundException("workflow", workflowId.ToString());
        WorkflowAccess.Demand(workflowId, workflow.Permission, WorkflowAction.Share);
        return workflow;
    }

    private static Task<ShareRecord?> ReadAsync(Db db, Guid id) =>
        db.SingleOrDefaultAsync($"SELECT {ShareRecord.Columns} FROM workflow_shares WHERE id = @id", ShareRecord.Read, ("id", id));
}
