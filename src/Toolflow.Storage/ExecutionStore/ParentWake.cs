using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// A child execution (flow.subworkflow) that ends signals the parent's waiting node, inside the
/// transaction that ended it: the signal goes into the parent's checkpoint, and a waiting parent
/// is queued. A parent that is still running (it has not committed its wait yet) finds the signal
/// when it hands its job back; a paused one, when it is resumed; an ended one needs nothing.
/// </summary>
internal static class ParentWake
{
    /// <summary>True when the parent was queued (the caller wakes this process's workers).</summary>
    public static async Task<bool> SignalAsync(Db db, Guid childId, ExecutionStatus status, DateTimeOffset now)
    {
        var links = await db.ListAsync(
            "SELECT parent_execution_id, parent_node_id FROM workflow_executions WHERE id = @id",
            row => (Parent: row.NullableGuid("parent_execution_id"), Node: row.NullableString("parent_node_id")), ("id", childId));
        if (links is not [{ Parent: { } parent, Node: { } node }])
        {
            return false;
        }

        if (await DatabaseExecutionStore.LockAsync(db, parent) is not { } row || ExecutionStatusRules.IsFinal(row.Status))
        {
            return false;
        }

        row.Checkpoint.Signals[node] = new JsonObject { ["executionId"] = childId.ToString("D"), ["status"] = SqlText.Of(status) };
        await db.ExecuteAsync(
            "UPDATE workflow_executions SET checkpoint = @checkpoint, updated_at = @now WHERE id = @id",
            ("checkpoint", new JsonText(row.Checkpoint.Write().ToJsonString())), ("now", now), ("id", parent));
        if (row.Status != ExecutionStatus.Waiting)
        {
            return false;
        }

        await ExecutionJobs.InsertAsync(db, parent, 0, now, now);
        return true;
    }
}
