using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.Operations;

/// <summary>What the operations gauges show: executions by status and the queue's depth by state.</summary>
public sealed record OperationalCounts(IReadOnlyDictionary<string, long> ExecutionsByStatus, IReadOnlyDictionary<string, long> JobsByState);

/// <summary>
/// Reads the counts behind <c>toolflow_executions</c> and <c>toolflow_queue_depth</c>. Jobs are
/// <c>ready</c> (queued, due), <c>delayed</c> (queued, not yet due), <c>running</c> or <c>dead</c>
/// (failed for good: the dead-letter state); finished jobs are not counted.
/// </summary>
public sealed class OperationalStats(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    public Task<OperationalCounts> ReadAsync(CancellationToken cancellationToken) =>
        _sql.ReadAsync(
            async db =>
            {
                var executions = await db.ListAsync(
                    "SELECT status, count(*) AS n FROM workflow_executions GROUP BY status",
                    row => (Status: row.String("status"), Count: row.Long("n")));
                var jobs = await db.ListAsync(
                    """
                    SELECT CASE WHEN status = 'queued' AND run_at <= @now THEN 'ready'
                                WHEN status = 'queued' THEN 'delayed'
                                WHEN status = 'running' THEN 'running'
                                ELSE 'dead' END AS state,
                           count(*) AS n
                      FROM jobs
                     WHERE status IN ('queued', 'running', 'failed')
                     GROUP BY 1
                    """,
                    row => (State: row.String("state"), Count: row.Long("n")),
                    ("now", time.GetUtcNow()));
                return new OperationalCounts(
                    executions.ToDictionary(e => e.Status, e => e.Count, StringComparer.Ordinal),
                    jobs.ToDictionary(j => j.State, j => j.Count, StringComparer.Ordinal));
            },
            cancellationToken);
}
