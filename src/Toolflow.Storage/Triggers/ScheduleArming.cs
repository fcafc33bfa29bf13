using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.Triggers;

/// <summary>
/// A workflow that stops being active forgets its schedule row in the same transaction, so the
/// sweeper arms it afresh, from "now", when it is resumed. Left to the sweeper alone, a pause and a
/// resume between two sweeps kept the old row, and its missed occurrence fired on resume.
/// </summary>
internal static class ScheduleArming
{
    public static async Task OnStatusChangeAsync(Db db, Guid workflowId, WorkflowStatus from, WorkflowStatus to)
    {
        if (from == WorkflowStatus.Active && to != WorkflowStatus.Active)
        {
            await db.ExecuteAsync("DELETE FROM schedule_triggers WHERE workflow_id = @id", ("id", workflowId));
        }
    }
}
