using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// Node and forEach item rows of <c>executions</c>: one per (execution, node, item), written by one
/// upsert on the unique index <c>executions_node_key</c> (migration 0001, so no older database holds
/// duplicates). The execution id and the row source are SQL the caller chooses: on
/// PostgreSQL the rows hang off the conditional UPDATE's RETURNING (<c>moved</c>), so a commit that
/// failed its fence writes no node.
/// </summary>
internal static class NodeRows
{
    private const string ConflictTarget = "ON CONFLICT (workflow_execution_id, node_id, coalesce(item_index, -1))";

    /// <summary>An upsert of every node of the commit; a node listed twice keeps its last result, as sequential writes did.</summary>
    public static string UpsertNodes(CommitParameters p, IReadOnlyList<NodeResult> nodes, string executionId, string now, Func<string, string> source)
    {
        var last = new Dictionary<string, NodeResult>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            last.Remove(node.NodeId);
            last[node.NodeId] = node;
        }

        var rows = last.Values.Select(node =>
            $"({p.Add(Guid.CreateVersion7(), "uuid")}, {executionId}, {p.Add(node.NodeId, "text")}, {p.Add(SqlText.Of(node.Status), "text")}, "
            + $"{p.Add(node.Attempts, "integer")}, {p.Add(node.Output is null ? null : new JsonText(node.Output.ToJsonString()), "jsonb")}, "
            + $"{p.Add(node.Error is null ? null : new JsonText(node.Error.ToJson().ToJsonString()), "jsonb")}, "
            + $"{p.Add(node.StartedAt, "timestamptz")}, {p.Add(node.CompletedAt, "timestamptz")}, "
            + $"{p.Add(node is { StartedAt: { } s, CompletedAt: { } c } ? Math.Max(0, (long)(c - s).TotalMilliseconds) : null, "bigint")}, "
            + $"{p.Add(new JsonText(NodeStateJson.Write(node).ToJsonString()), "jsonb")}, {now}, {now})");
        return $"""
            INSERT INTO executions (id, workflow_execution_id, node_id, status, attempts, output, error, started_at, completed_at, duration_ms, engine_state, created_at, updated_at)
            {source(string.Join(", ", rows))}
            {ConflictTarget} DO UPDATE SET status = excluded.status, attempts = excluded.attempts, output = excluded.output, error = excluded.error,
                   started_at = excluded.started_at, completed_at = excluded.completed_at, duration_ms = excluded.duration_ms,
                   engine_state = excluded.engine_state, updated_at = excluded.updated_at
            """;
    }

    /// <summary>An upsert of one forEach item's row (completed, with its output and attempts).</summary>
    public static string UpsertItem(CommitParameters p, string nodeId, ItemResult item, string executionId, string now, Func<string, string> source)
    {
        var row = $"({p.Add(Guid.CreateVersion7(), "uuid")}, {executionId}, {p.Add(nodeId, "text")}, {p.Add(item.Index, "integer")}, "
            + $"{p.Add(SqlText.Of(NodeStatus.Completed), "text")}, {p.Add(item.Attempts, "integer")}, "
            + $"{p.Add(item.Output is null ? null : new JsonText(item.Output.ToJsonString()), "jsonb")}, {now}, {now}, {now})";
        return $"""
            INSERT INTO executions (id, workflow_execution_id, node_id, item_index, status, attempts, output, completed_at, created_at, updated_at)
            {source(row)}
            {ConflictTarget} DO UPDATE SET attempts = excluded.attempts, output = excluded.output, status = excluded.status,
                   completed_at = excluded.completed_at, updated_at = excluded.updated_at
            """;
    }
}
