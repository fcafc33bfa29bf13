using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Storage.Triggers;

/// <summary>
/// Workflow triggers: when an execution ends completed or failed, every active workflow whose
/// trigger is <c>{type: workflow, workflowId: &lt;its workflow&gt;, on: &lt;that status&gt;}</c> gets an
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
            "SELECT workflow_id, output, error FROM workflow_executions WHERE id = @id",
            row => (WorkflowId: row.Guid("workflow_id"), Output: row.Json("output"), Error: row.Json("error")),
            ("id", sourceExecutionId));
        if (sources is not [var source])
        {
            return 0;
        }

        var on = status == ExecutionStatus.Completed ? "completed" : "failed";
        var targets = await db.ListAsync(
            $"""
            SELECT w.id FROM workflows AS w
             WHERE w.trigger_type = 'workflow' AND {SourceExpression(db)} = @source AND w.status = 'active'
               AND COALESCE({OnExpression(db)}, 'completed') = @on
            """,
            row => row.Guid("id"), ("source", source.WorkflowId.ToString("D")), ("on", on));
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
