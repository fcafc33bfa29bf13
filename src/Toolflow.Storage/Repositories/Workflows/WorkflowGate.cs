using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>What access checks need of a workflow, without loading (and parsing) its definition.</summary>
internal sealed record WorkflowGate(Guid Id, Guid OwnerId, int Version, WorkflowStatus Status, SharePermission Permission)
{
    /// <summary>The gate when <paramref name="caller"/> may see the workflow (any caller when null); else null.</summary>
    public static async Task<WorkflowGate?> FindAsync(Db db, Caller? caller, Guid id, DateTimeOffset now)
    {
        var parameters = WorkflowAccess.Parameters(caller ?? new Caller(Guid.Empty, UserRole.Admin), now).Append(("id", id)).ToArray();
        var rows = await db.ListAsync(
            $"SELECT w.id, w.owner_id, w.version, w.status, {WorkflowAccess.AccessColumn} FROM workflows AS w WHERE w.id = @id",
            row => row.IsNull("access")
                ? null
                : new WorkflowGate(row.Guid("id"), row.Guid("owner_id"), row.Int("version"),
                    SqlText.Parse<WorkflowStatus>(row.String("status")),
                    SqlText.Parse<SharePermission>(row.String("access"))),
            parameters);
        return rows.Count == 0 ? null : rows[0];
    }
}
