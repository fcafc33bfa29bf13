using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.Triggers;

/// <summary>
/// Workflow triggers: when an execution ends completed or failed, every active workflow whose owner
/// may still see the source and whose trigger is <c>{type: workflow, workflowId: &lt;its workflow&gt;, on: &lt;that status&gt;}</c> gets an
/// execution — inside the transaction that ended the source, with the idempotency key
/// <c>workflow:&lt;source execution id&gt;</c>, so each target starts exactly once per source run.
/// Input: the source's output (an object as is, any other value as <c>{output}</c>) when it
/// completed; <c>{error}</c> when it failed.
/// </summary>
internal static class WorkflowTriggers
{
    public static string Key(Guid sourceExecutionId) => $"workflow:{sourceExecutionId:D}";

    public static async Task<int> StartTargetsAsync(Db db, Guid sourceExecutionId, ExecutionStatus status, DateTimeOffset now)
    {
        if (status is not (ExecutionStatus.Completed or ExecutionStatus.Failed))
        {
            return 0;
        }

        var sources = await db.ListAsync(
            "SELECT e.workflow_id, w.owner_id, e.output, e.error FROM workflow_executions AS e JOIN workflows AS w ON w.id = e.workflow_id WHERE e.id = @id",
            row => (WorkflowId: row.Guid("workflow_id"), OwnerId: row.Guid("owner_id"), Output: row.Json("output"), Error: row.Json("error")),
            ("id", sourceExecutionId));
        if (sources is not [var source])
        {
            return 0;
        }

        var on = status == ExecutionStatus.Completed ? "completed" : "failed";
        // Saving checked that the target's owner could see the source; a share revoked or expired
        // since then must stop the source's outputs from flowing to them, so the rule is read again
        // here, as it stands now (owner, admin, or a live share: WorkflowAccess).
        var targets = await db.ListAsync(
            $"""
            SELECT w.id FROM workflows AS w JOIN users AS u ON u.id = w.owner_id
             WHERE w.trigger_type = 'workflow' AND {SourceExpression(db)} = @source AND w.status = 'active'
               AND COALESCE({OnExpression(db)}, 'completed') = @on
               AND (w.owner_id = @sourceOwner OR u.role = 'admin' OR EXISTS (
                    SELECT 1 FROM workflow_shares AS s
                     WHERE s.workflow_id = @sourceId AND s.grantee_user_id = w.owner_id
                       AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > @now)))
            """,
            row => row.Guid("id"), ("source", source.WorkflowId.ToString("D")), ("on", on),
            ("sourceOwner", source.OwnerId), ("sourceId", source.WorkflowId), ("now", now));
        foreach (var target in targets)
        {
            var input = status == ExecutionStatus.Completed
                ? source.Output as JsonObject ?? new JsonObject { ["output"] = source.Output }
                : new JsonObject { ["error"] = source.Error };
            await ExecutionRepository.CreateInAsync(
                db, new NewExecution(target) { TriggerType = TriggerType.Workflow, IdempotencyKey = Key(sourceExecutionId), Input = input }, null, now);
        }

        return targets.Count;
    }

    /// <summary>Matches the expression index <c>workflows_trigger_source_idx</c> of migration 0004.</summary>
    private static string SourceExpression(Db db) =>
        db.IsPostgres ? "(w.definition -> 'trigger' ->> 'workflowId')" : "json_extract(w.definition, '$.trigger.workflowId')";

    private static string OnExpression(Db db) =>
        db.IsPostgres ? "(w.definition -> 'trigger' ->> 'on')" : "json_extract(w.definition, '$.trigger.on')";
}
