using System.Text.Json.Nodes;

namespace Toolflow.Storage.Repositories.Executions;

public sealed partial class ExecutionRepository
{
    private static void CheckNode(NodeExecutionWrite node)
    {
        ArgumentNullException.ThrowIfNull(node);
        new Check().Name("/nodeId", node.NodeId, 64).Enum("/status", node.Status)
            .That(node.Attempts >= 0, "/attempts", "must not be negative")
            .That(node.ItemIndex is null or >= 0, "/itemIndex", "must not be negative")
            .That(node.DurationMs is null or >= 0, "/durationMs", "must not be negative")
            .ThrowIfAny();
    }

    private static async Task<NodeExecutionRecord> WriteNodeAsync(Db db, Guid executionId, NodeExecutionWrite node, DateTimeOffset now)
    {
        static JsonText? Json(JsonNode? value) => value is null ? null : new JsonText(value.ToJsonString());
        return (await db.SingleOrDefaultAsync(
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
            ("startedAt", node.StartedAt), ("completedAt", node.CompletedAt), ("duration", node.DurationMs), ("now", now)))!;
    }
}
