using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// A parent execution that ends cancels its sub-workflow children that are still live (Temporal's
/// default parent-close policy): a child nobody waits for any more would otherwise run on, and
/// hold a worker, for nothing. Each child is asked as <see cref="ExecutionControl.CancelAsync"/>
/// asks: the request on its row (a running child's heartbeat acts on it), a paused one queued, and
/// its job enqueued so a worker ends it <c>cancelled</c>.
/// Each child in a transaction of its own, after the parent's: a child that ends locks itself and
/// then its parent (<see cref="ParentWake"/>), so locking children inside the parent's final commit
/// could deadlock with it. A process that dies between the two leaves the child to run to its end
/// (docs/durable.md).
/// </summary>
internal static class ChildCancel
{
    /// <summary>The expression counting an execution's live children, <paramref name="parent"/> naming its id.</summary>
    public static string LiveCount(string parent) => $"(SELECT count(*) {LiveChildrenOf(parent)})";

    /// <summary>The FROM and WHERE of the children of <paramref name="parent"/> that have not ended, as <c>c</c>.</summary>
    private static string LiveChildrenOf(string parent) =>
        $"FROM workflow_executions AS c WHERE c.parent_execution_id = {parent} AND c.status NOT IN ('completed', 'failed', 'cancelled')";

    /// <summary>
    /// Asks every live child of <paramref name="parentId"/> to cancel; the number of children queued for it.
    /// Called once the parent's end is committed, so nothing here may undo or obscure that: a failure
    /// (or a stopping worker) leaves the remaining children to run to their own end, which then finds
    /// the parent ended and signals nothing.
    /// </summary>
    public static async Task<int> TryRequestAsync(SqlSession sql, Guid parentId, TimeProvider time)
    {
        try
        {
            return await RequestAsync(sql, parentId, time, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return 0;
        }
    }

    private static async Task<int> RequestAsync(SqlSession sql, Guid parentId, TimeProvider time, CancellationToken cancellationToken)
    {
        var children = await sql.ReadAsync(
            db => db.ListAsync(
                $"SELECT c.id {LiveChildrenOf("@id")}",
                row => row.Guid("id"), ("id", parentId)),
            cancellationToken);
        var queued = 0;
        foreach (var child in children)
        {
            if (await sql.WriteAsync(db => CancelAsync(db, child, time.GetUtcNow()), cancellationToken))
            {
                queued++;
            }
        }

        return queued;
    }

    private static async Task<bool> CancelAsync(Db db, Guid child, DateTimeOffset now)
    {
        if (await DatabaseExecutionStore.LockAsync(db, child) is not { } row || ExecutionStatusRules.IsFinal(row.Status))
        {
            return false;
        }

        // A paused child has no worker: queued, and the engine ends it cancelled at once (as ExecutionControl does).
        var status = row.Status == ExecutionStatus.Paused ? ExecutionStatus.Queued : row.Status;
        await db.ExecuteAsync(
            "UPDATE workflow_executions SET checkpoint = @checkpoint, pause_requested = @pause, status = @status, updated_at = @now WHERE id = @id",
            ("checkpoint", new JsonText((row.Checkpoint with { Control = ControlRequest.Cancel }).Write().ToJsonString())),
            ("pause", false), ("status", SqlText.Of(status)), ("now", now), ("id", child));
        return await ExecutionJobs.InsertAsync(db, child, 0, now, now) > 0;
    }
}
