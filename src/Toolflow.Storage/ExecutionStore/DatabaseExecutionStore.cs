using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Execution.Durable;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// The engine's <see cref="IExecutionStore"/> on the database. One instance per process: the worker
/// tells it (<see cref="Hold"/>) which executions this process leases, and every commit for those is
/// fenced by the lease token — a stale worker's step writes nothing and gets
/// <see cref="ExecutionLeaseLostException"/>. Commits of executions not held here (resume from an
/// API process) are plain compare-and-set on the status. Executions are created by
/// <c>ExecutionRepository</c> (row and job in one transaction), not here.
/// </summary>
public sealed partial class DatabaseExecutionStore(ToolflowDatabase database, TimeProvider time) : IExecutionStore, ILeaseFencedStore
{
    private readonly SqlSession _sql = new(database);


    /// <summary>Group commit of step commits (PostgreSQL).</summary>
    private readonly CommitBatcher _batcher = new(new SqlSession(database));

    private readonly ConcurrentDictionary<string, Guid> _leases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Guid> _handedBack = new(StringComparer.Ordinal);

    public bool TryHold(string executionId, Guid token) => _leases.TryAdd(executionId, token);

    /// <summary>Fences commits with <paramref name="token"/>, replacing any earlier hold (tests and tools).</summary>
    public void Hold(string executionId, Guid token) => _leases[executionId] = token;

    public void Drop(string executionId, Guid token)
    {
        _leases.TryRemove(new KeyValuePair<string, Guid>(executionId, token));
        _handedBack.TryRemove(new KeyValuePair<string, Guid>(executionId, token));
    }

    public bool HandedBack(string executionId, Guid token) => _handedBack.TryGetValue(executionId, out var handed) && handed == token;

    /// <summary>True while this process runs the execution (its engine publishes the events itself).</summary>
    public bool Holds(string executionId) => _leases.ContainsKey(executionId);

    public ValueTask CreateAsync(ExecutionSnapshot execution, CancellationToken cancellationToken) =>
        throw new NotSupportedException("durable executions are created by ExecutionRepository.CreateAsync (row and job in one transaction)");

    public async ValueTask RequestControlAsync(string executionId, ControlRequest request, CancellationToken cancellationToken) =>
        await UpdateCheckpointAsync(executionId, c => c with { Control = request }, cancellationToken);

    public async ValueTask DeliverSignalAsync(string executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken) =>
        await UpdateCheckpointAsync(executionId, c => { c.Signals[nodeId] = payload?.DeepClone(); return c; }, cancellationToken);

    private Task<bool> UpdateCheckpointAsync(string executionId, Func<Checkpoint, Checkpoint> change, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(executionId);
        return _sql.WriteAsync(
            async db =>
            {
                var row = await LockAsync(db, id) ?? throw new KeyNotFoundException($"execution {executionId} does not exist");
                var next = change(row.Checkpoint);
                await db.ExecuteAsync(
                    "UPDATE workflow_executions SET checkpoint = @checkpoint, pause_requested = @pause, updated_at = @now WHERE id = @id",
                    ("checkpoint", new JsonText(next.Write().ToJsonString())), ("pause", next.Control == ControlRequest.Pause),
                    ("now", time.GetUtcNow()), ("id", id));
                return true;
            },
            cancellationToken);
    }

    /// <summary>The execution row, locked for the rest of the transaction (SQLite: the IMMEDIATE transaction already is).</summary>
    internal static Task<LockedRow?> LockAsync(Db db, Guid id) =>
        db.SingleOrDefaultAsync(
            $"SELECT status, lease_token, checkpoint, started_at, created_at FROM workflow_executions WHERE id = @id{(db.IsPostgres ? " FOR UPDATE" : "")}",
            row => new LockedRow(
                SqlText.Parse<ExecutionStatus>(row.String("status")), row.NullableGuid("lease_token"), Checkpoint.Read(row.Json("checkpoint")),
                row.NullableTime("started_at"), row.Time("created_at")),
            ("id", id));

    internal sealed record LockedRow(ExecutionStatus Status, Guid? LeaseToken, Checkpoint Checkpoint, DateTimeOffset? StartedAt, DateTimeOffset CreatedAt);
}
