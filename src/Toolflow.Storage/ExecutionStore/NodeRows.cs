using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// Node and forEach item rows of <c>executions</c>: one per (execution, node, item), updated in place
/// or inserted once. Update-then-insert is race-free because the caller holds the execution row lock.
/// </summary>
internal static class NodeRows
{
    public static async Task WriteNodeAsync(Db db, Guid executionId, NodeResult node, DateTimeOffset now)
    {
        var values = new (string, object?)[]
        {
            ("eid", executionId), ("node", node.NodeId), ("status", SqlText.Of(node.Status)), ("attempts", node.Attempts),
            ("output", node.Output is null ? null : new JsonText(node.Output.ToJsonString())),
            ("error", node.Error is null ? null : new JsonText(node.Error.ToJson().ToJsonString())),
            ("startedAt", node.StartedAt), ("completedAt", node.CompletedAt),
            ("duration", node is { StartedAt: { } s, CompletedAt: { } c } ? Math.Max(0, (long)(c - s).TotalMilliseconds) : null),
            ("state", new JsonText(NodeStateJson.Write(node).ToJsonString())), ("now", now), ("id", Guid.CreateVersion7()),
        };
        var updated = await db.ExecuteAsync(
            """
            UPDATE executions SET status = @status, attempts = @attempts, output = @output, error = @error, started_at = @startedAt,
                   completed_at = @completedAt, duration_ms = @duration, engine_state = @state, updated_at = @now
             WHERE workflow_execution_id = @eid AND node_id = @node AND item_index IS NULL
            """, values);
        if (updated == 0)
        {
            await db.ExecuteAsync(
                """
                INSERT INTO executions (id, workflow_execution_id, node_id, status, attempts, output, error, started_at, completed_at, duration_ms, engine_state, created_at, updated_at)
                VALUES (@id, @eid, @node, @status, @attempts, @output, @error, @startedAt, @completedAt, @duration, @state, @now, @now)
                """, values);
        }
    }

    public static async Task WriteItemAsync(Db db, Guid executionId, string nodeId, ItemResult item, DateTimeOffset now)
    {
        var values = new (string, object?)[]
        {
            ("eid", executionId), ("node", nodeId), ("index", item.Index), ("attempts", item.Attempts),
            ("output", item.Output is null ? null : new JsonText(item.Output.ToJsonString())), ("now", now), ("id", Guid.CreateVersion7()),
            ("status", SqlText.Of(NodeStatus.Completed)),
        };
        var updated = await db.ExecuteAsync(
            "UPDATE executions SET attempts = @attempts, output = @output, status = @status, completed_at = @now, updated_at = @now WHERE workflow_execution_id = @eid AND node_id = @node AND item_index = @index",
            values);
        if (updated == 0)
        {
            await db.ExecuteAsync(
                """
                INSERT INTO executions (id, workflow_execution_id, node_id, item_index, status, attempts, output, completed_at, created_at, updated_at)
                VALUES (@id, @eid, @node, @index, @status, @attempts, @output, @now, @now, @now)
                """, values);
        }
    }
}
