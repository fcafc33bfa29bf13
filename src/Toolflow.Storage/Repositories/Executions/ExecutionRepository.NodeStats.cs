namespace Toolflow.Storage.Repositories.Executions;

/// <summary>Per node of one workflow: how often it ran, failed, and how long it took (for the optimizer).</summary>
public sealed record NodeRunStats(string NodeId, int Runs, int Failures, double AverageDurationMs, long MaxDurationMs);

public sealed partial class ExecutionRepository
{
    /// <summary>
    /// Node figures over the workflow's most recent <paramref name="executions"/> executions (finished
    /// node runs only: completed or failed). Null when the caller may not see the workflow.
    /// </summary>
    public Task<IReadOnlyList<NodeRunStats>?> NodeStatsAsync(Caller caller, Guid workflowId, int executions = 200, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<NodeRunStats>?>(
            async db =>
            {
                if (await Workflows.WorkflowGate.FindAsync(db, caller, workflowId, Clock.Now(time)) is null)
                {
                    return null;
                }

                return await db.ListAsync(
                    """
                    SELECT n.node_id AS node_id, COUNT(*) AS runs,
                           SUM(CASE WHEN n.status = 'failed' THEN 1 ELSE 0 END) AS failures,
                           AVG(COALESCE(n.duration_ms, 0)) AS avg_ms, MAX(COALESCE(n.duration_ms, 0)) AS max_ms
                      FROM executions AS n
                     WHERE n.status IN ('completed', 'failed')
                       AND n.workflow_execution_id IN (SELECT e.id FROM workflow_executions AS e WHERE e.workflow_id = @workflow
                                                        ORDER BY e.created_at DESC LIMIT @recent)
                     GROUP BY n.node_id
                     ORDER BY n.node_id
                    """,
                    row => new NodeRunStats(row.String("node_id"), row.Int("runs"), row.Int("failures"), row.NullableDouble("avg_ms") ?? 0, row.Long("max_ms")),
                    ("workflow", workflowId), ("recent", Math.Clamp(executions, 1, 10_000)));
            },
            cancellationToken);
}
