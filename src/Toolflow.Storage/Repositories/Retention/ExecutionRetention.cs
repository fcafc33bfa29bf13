using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.Retention;

/// <summary>
/// Deletes finished executions (completed, failed, cancelled) that completed before now minus the
/// configured age. Node executions go with them (ON DELETE CASCADE); children keep running with a
/// null parent (ON DELETE SET NULL). Each batch is its own short transaction, so several sweepers
/// may run at once: a row deleted by one is simply not found by the other.
/// </summary>
public sealed class ExecutionRetention(ToolflowDatabase database, TimeProvider time, RetentionOptions options)
{
    private readonly SqlSession _sql = new(database);

    /// <summary>How many executions were removed.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken = default)
    {
        if (options.ExecutionAge <= TimeSpan.Zero || options.BatchSize < 1)
        {
            throw ValidationFailedException.For("/retention", "age and batch size must be positive");
        }

        var cutoff = Clock.Now(time) - options.ExecutionAge;
        long total = 0;
        while (true)
        {
            var removed = await _sql.WriteAsync(
                db => db.ExecuteAsync(
                    """
                    DELETE FROM workflow_executions
                     WHERE id IN (SELECT id FROM workflow_executions
                                   WHERE status IN ('completed', 'failed', 'cancelled') AND completed_at < @cutoff
                                   LIMIT @batch)
                    """,
                    ("cutoff", cutoff), ("batch", options.BatchSize)),
                cancellationToken);
            total += removed;
            if (removed < options.BatchSize)
            {
                return total;
            }
        }
    }
}
