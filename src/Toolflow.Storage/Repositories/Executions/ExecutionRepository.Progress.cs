using System.Text.Json.Nodes;

namespace Toolflow.Storage.Repositories.Executions;

public sealed partial class ExecutionRepository
{
    /// <summary>Overwrites the progress counters; false when the execution does not exist.</summary>
    public Task<bool> UpdateProgressAsync(Guid id, ExecutionProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        new Check()
            .That(progress.TotalSteps >= 0 && progress.StepsCompleted >= 0 && progress.StepsFailed >= 0 && progress.StepsSkipped >= 0,
                "/progress", "counters must not be negative")
            .ThrowIfAny();
        var current = new JsonArray([.. progress.CurrentNodes.Select(n => (JsonNode?)JsonValue.Create(n))]);
        return _sql.WriteAsync(
            async db => await db.ExecuteAsync(
                $"""
                UPDATE workflow_executions
                   SET total_steps = @total, steps_completed = @completed, steps_failed = @failed, steps_skipped = @skipped,
                       current_nodes = @current, updated_at = @now{(progress.ResourceUsage is null ? "" : ", resource_usage = @usage")}
                 WHERE id = @id
                """,
                ("total", progress.TotalSteps), ("completed", progress.StepsCompleted), ("failed", progress.StepsFailed),
                ("skipped", progress.StepsSkipped), ("current", new JsonText(current.ToJsonString())), ("now", Clock.Now(time)),
                ("usage", progress.ResourceUsage is null ? null : new JsonText(progress.ResourceUsage.ToJsonString())), ("id", id)) > 0,
            cancellationToken);
    }

    /// <summary>
    /// Records a node's (or forEach item's) state: one row per (execution, node, item), inserted
    /// the first time and overwritten after — so a retried write never makes a second row.
    /// </summary>
    public Task<NodeExecutionRecord> UpsertNodeAsync(Guid executionId, NodeExecutionWrite node, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        new Check().Name("/nodeId", node.NodeId, 64).Enum("/status", node.Status)
            .That(node.Attempts >= 0, "/attempts", "must not be negative")
            .That(node.ItemIndex is null or >= 0, "/itemIndex", "must not be negative")
            .That(node.DurationMs is null or >= 0, "/durationMs", "must not be negative")
            .ThrowIfAny();
        static JsonText? Json(JsonNode? value) => value is null ? null : new JsonText(value.ToJsonString());
        return _sql.WriteAsync(
            async db => (await db.SingleOrDefaultAsync(
                $"""
                INSERT INTO executions (id, workflow_execution_id, node_id, item_index, tool, tool_instance_id, attempts, status,
                                        input, output, error, started_at, completed_at, duration_ms, created_at, updated_at)
                VALUES (@id, @execution, @node, @item, @tool, @instance, @attempts, @status, @input, @output, @error,
                        @startedAt, @completedAt, @duration, @now, @now)
                ON CONFLICT (workflow_execution_id, node_id, coalesce(item_index, -1)) DO UPDATE
                   SET tool = excluded.tool, tool_instance_id = excluded.tool_instance_id, attempts = excluded.attempts,
                       status = excluded.status, input = excluded.input, output = excluded.output, error = excluded.error,
                       started_at = excluded.started_at, completed_at = excluded.completed_at,
                       duration_ms = excluded.duration_ms, updated_at = excluded.updated_at
                RETURNING {NodeExecutionRecord.Columns}
                """,
                NodeExecutionRecord.Read,
                ("id", Guid.CreateVersion7()), ("execution", executionId), ("node", node.NodeId), ("item", node.ItemIndex),
                ("tool", node.Tool), ("instance", node.ToolInstanceId), ("attempts", node.Attempts), ("status", SqlText.Of(node.Status)),
                ("input", Json(node.Input)), ("output", Json(node.Output)), ("error", Json(node.Error)),
                ("startedAt", node.StartedAt), ("completedAt", node.CompletedAt), ("duration", node.DurationMs), ("now", Clock.Now(time))))!,
            cancellationToken);
    }
}
