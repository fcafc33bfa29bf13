using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>
/// The visibility rule in SQL, used by every query that reaches a workflow for a caller:
/// the owner and admins hold 'admin'; anyone else holds the permission of their live share
/// (not revoked, not expired at @now), or nothing — and nothing reads as "not found".
/// Parameters: @caller (user id), @admin (bool), @now (time).
/// </summary>
internal static class WorkflowAccess
{
    public const string LiveShareTo =
        "s.grantee_user_id = @caller AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > @now)";

    /// <summary>The ids (<c>workflow_id</c>) of the workflows shared with the caller now.</summary>
    public const string SharedWith = "SELECT s.workflow_id FROM workflow_shares AS s WHERE " + LiveShareTo;

    /// <summary>A text column 'admin' | share permission | NULL, aliased <c>access</c>.</summary>
    public const string AccessColumn =
        "CASE WHEN w.owner_id = @caller OR @admin THEN 'admin' ELSE " +
        "(SELECT s.permission FROM workflow_shares AS s WHERE s.workflow_id = w.id AND " + LiveShareTo + " LIMIT 1) END AS access";

    public static (string, object?)[] Parameters(Caller caller, DateTimeOffset now) =>
        [("caller", caller.UserId), ("admin", caller.IsAdmin), ("now", now)];

    /// <summary>Throws when <paramref name="actual"/> does not allow <paramref name="action"/> (the table is <see cref="WorkflowActions"/>).</summary>
    public static void Demand(Guid workflowId, SharePermission actual, WorkflowAction action)
    {
        var required = WorkflowActions.Required(action);
        if (actual < required)
        {
            throw new InsufficientPermissionException(workflowId, required, actual);
        }
    }
}
