using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.Queue;

/// <summary>
/// <see cref="IExecutionLeases"/> on the <c>jobs</c> table: a claimed <c>execution</c> job and its
/// execution row carry the same lease token, set in the claim's transaction, so the store can fence
/// every commit with it. Wake-ups come from <see cref="JobNotifications"/> on PostgreSQL.
/// </summary>
public sealed partial class ExecutionLeases(ToolflowDatabase database, TimeProvider time, JobNotifications? notifications = null) : IExecutionLeases
{
    private readonly SqlSession _sql = new(database);

    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        notifications is null || !_sql.IsPostgres ? LocalJobSignal.WaitAsync(timeout, cancellationToken) : notifications.WaitAsync(timeout, cancellationToken);

    /// <summary>Completes a running job this lease token holds (parameters @now, @id, @token).</summary>
    private static readonly string CompleteJobSql =
        $"UPDATE jobs SET {JobQueue.CompletedSet("@now")} WHERE id = @id AND lease_token = @token AND status = 'running'";

    internal static Task<int> CompleteJobAsync(Db db, Guid jobId, Guid token, DateTimeOffset now) =>
        db.ExecuteAsync(CompleteJobSql, CompleteJobParameters(jobId, token, now));

    private static (string, object?)[] CompleteJobParameters(Guid jobId, Guid token, DateTimeOffset now) =>
        [("now", now), ("id", jobId), ("token", token)];

    internal static Task<int> ClearLeaseAsync(Db db, ExecutionLease lease, DateTimeOffset now) =>
        db.ExecuteAsync(
            "UPDATE workflow_executions SET lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL, updated_at = @now WHERE id = @id AND lease_token = @token",
            ("now", now), ("id", Guid.Parse(lease.ExecutionId)), ("token", lease.Token));
}
