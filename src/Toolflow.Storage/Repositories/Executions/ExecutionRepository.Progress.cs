using System.Text.Json.Nodes;

namespace Toolflow.Storage.Repositories.Executions;

public sealed partial class ExecutionRepository
{
    /// <summary>Overwrites the progress counters; false when the execution does not exist.</summary>
    public Task<bool> UpdateProgressAsync(Guid id, ExecutionProgress progress, CancellationToken cancellationToken = default)
    {
        CheckProgress(progress);
        var now = Clock.Now(time);
        return _sql.WriteAsync(async db => await WriteProgressAsync(db, id, progress, null, now) > 0, cancellationToken);
    }

    /// <summary>
    /// Records a node's (or forEach item's) state: one row per (execution, node, item), inserted
    /// the first time and overwritten after — so a retried write never makes a second row.
    /// </summary>
    public Task<NodeExecutionRecord> UpsertNodeAsync(Guid executionId, NodeExecutionWrite node, CancellationToken cancellationToken = default)
    {
        CheckNode(node);
        var now = Clock.Now(time);
        return _sql.WriteAsync(db => WriteNodeAsync(db, executionId, node, now), cancellationToken);
    }

    /// <summary>
    /// One engine step in one transaction: the node results and the progress counters commit
    /// together or not at all. With <paramref name="leaseToken"/> the write is fenced: unless the
    /// execution is still running (or pausing) under that lease token, nothing is written and a
    /// <see cref="LeaseLostException"/> tells the worker to drop the execution.
    /// </summary>
    public Task<IReadOnlyList<NodeExecutionRecord>> RecordStepAsync(
        Guid executionId, Guid? leaseToken, IReadOnlyList<NodeExecutionWrite> nodes, ExecutionProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        CheckProgress(progress);
        foreach (var node in nodes)
        {
            CheckNode(node);
        }

        var now = Clock.Now(time);
        return _sql.WriteAsync<IReadOnlyList<NodeExecutionRecord>>(
            async db =>
            {
                // Progress first: on PostgreSQL it locks the execution row, so a sweeper handing the
                // lease to another worker waits for this step (or this step waits and then fails).
                if (await WriteProgressAsync(db, executionId, progress, leaseToken, now) == 0)
                {
                    throw leaseToken is null ? new NotFoundException("execution", executionId.ToString()) : new LeaseLostException(executionId);
                }

                var written = new List<NodeExecutionRecord>(nodes.Count);
                foreach (var node in nodes)
                {
                    written.Add(await WriteNodeAsync(db, executionId, node, now));
                }

                return written;
            },
            cancellationToken);
    }

    private static Task<int> WriteProgressAsync(Db db, Guid id, ExecutionProgress progress, Guid? leaseToken, DateTimeOffset now)
    {
        var current = new JsonArray([.. progress.CurrentNodes.Select(n => (JsonNode?)JsonValue.Create(n))]);
        return db.ExecuteAsync(
            $"""
            UPDATE workflow_executions
               SET total_steps = @total, steps_completed = @completed, steps_failed = @failed, steps_skipped = @skipped,
                   current_nodes = @current, updated_at = @now{(progress.ResourceUsage is null ? "" : ", resource_usage = @usage")}
             WHERE id = @id{(leaseToken is null ? "" : " AND lease_token = @lease AND status IN ('running', 'pausing')")}
            """,
            ("total", progress.TotalSteps), ("completed", progress.StepsCompleted), ("failed", progress.StepsFailed),
            ("skipped", progress.StepsSkipped), ("current", new JsonText(current.ToJsonString())), ("now", now),
            ("usage", progress.ResourceUsage is null ? null : new JsonText(progress.ResourceUsage.ToJsonString())), ("id", id), ("lease", leaseToken));
    }

    private static void CheckProgress(ExecutionProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        new Check()
            .That(progress.TotalSteps >= 0 && progress.StepsCompleted >= 0 && progress.StepsFailed >= 0 && progress.StepsSkipped >= 0,
                "/progress", "counters must not be negative")
            .ThrowIfAny();
    }
}
