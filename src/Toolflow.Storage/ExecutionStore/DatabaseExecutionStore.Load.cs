using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.ExecutionStore;

public sealed partial class DatabaseExecutionStore
{
    /// <summary>The snapshot as last committed: the row, its version's definition, node rows (and forEach items), the checkpoint.</summary>
    public async ValueTask<ExecutionSnapshot?> LoadAsync(string executionId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(executionId, out var id))
        {
            return null;
        }

        return await _sql.ReadAsync(db => LoadAsync(db, id), cancellationToken);
    }

    /// <summary>The row and its node rows in one command (one round trip on PostgreSQL).</summary>
    private static async Task<ExecutionSnapshot?> LoadAsync(Db db, Guid id)
    {
        var (snapshots, rows) = await db.ListTwoAsync(
            """
            SELECT e.workflow_id, e.status, e.input, e.output, e.error, e.checkpoint, e.created_at, e.started_at, e.completed_at,
                   e.total_steps, e.steps_completed, e.steps_failed, e.steps_skipped, e.current_nodes, e.duration_ms, e.last_sequence, e.resource_usage, v.definition
              FROM workflow_executions AS e
              JOIN workflow_versions AS v ON v.workflow_id = e.workflow_id AND v.version = e.workflow_version
             WHERE e.id = @id;
            SELECT node_id, item_index, status, attempts, output, started_at, completed_at, engine_state FROM executions WHERE workflow_execution_id = @id
            """,
            row =>
            {
                var checkpoint = Checkpoint.Read(row.Json("checkpoint"));
                var error = row.Json("error");
                return new ExecutionSnapshot
                {
                    ExecutionId = id.ToString("D"),
                    WorkflowId = row.Guid("workflow_id").ToString("D"),
                    Definition = DefinitionJson.Parse(row.String("definition")),
                    Input = row.Json("input"),
                    Status = SqlText.Parse<ExecutionStatus>(row.String("status")),
                    CreatedAt = row.Time("created_at"),
                    StartedAt = row.NullableTime("started_at"),
                    CompletedAt = row.NullableTime("completed_at"),
                    Output = row.Json("output"),
                    Error = error is null ? null : new ExecutionError((string?)error["code"] ?? "error", (string?)error["message"] ?? "", (string?)error["nodeId"], (bool?)error["retryable"] ?? false),
                    RequestedControl = checkpoint.Control,
                    Signals = checkpoint.Signals,
                    RemainingWaits = checkpoint.RemainingWaits,
                    LastSequence = row.Long("last_sequence"),
                    Usage = UsageJson.Read(row.Json("resource_usage")),
                    Progress = new ExecutionProgress
                    {
                        TotalSteps = row.Int("total_steps"),
                        StepsCompleted = row.Int("steps_completed"),
                        StepsFailed = row.Int("steps_failed"),
                        StepsSkipped = row.Int("steps_skipped"),
                        StartedAt = row.NullableTime("started_at"),
                        CompletedAt = row.NullableTime("completed_at"),
                        DurationMs = row.NullableLong("duration_ms"),
                        CurrentNodes = [.. (row.Json("current_nodes") as JsonArray ?? []).Select(n => (string)n!)],
                    },
                };
            },
            row => (Index: row.NullableInt("item_index"), Node: new NodeResult
            {
                NodeId = row.String("node_id"),
                Status = SqlText.Parse<NodeStatus>(row.String("status")),
                Attempts = row.Int("attempts"),
                Output = row.Json("output"),
                StartedAt = row.NullableTime("started_at"),
                CompletedAt = row.NullableTime("completed_at"),
            }, State: row.Json("engine_state")),
            ("id", id));
        if (snapshots is not [var snapshot])
        {
            return null;
        }

        var nodes = new Dictionary<string, NodeResult>(StringComparer.Ordinal);
        foreach (var (_, node, state) in rows.Where(r => r.Index is null))
        {
            nodes[node.NodeId] = NodeStateJson.Read(node, state);
        }

        foreach (var group in rows.Where(r => r.Index is not null).GroupBy(r => r.Node.NodeId, StringComparer.Ordinal))
        {
            var owner = nodes.GetValueOrDefault(group.Key) ?? new NodeResult { NodeId = group.Key };
            nodes[group.Key] = owner with { Items = group.ToDictionary(r => r.Index!.Value, r => new ItemResult(r.Index!.Value, r.Node.Output, r.Node.Attempts)) };
        }

        return snapshot with { Nodes = nodes };
    }
}
