using System.Text.Json.Nodes;
using Toolflow.Core.Execution;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// Reads the persisted event log: for SSE replay (<c>Last-Event-ID</c>) and for relaying events
/// committed by other processes. No permission check: callers authorise the execution first.
/// </summary>
public sealed class ExecutionEventLog(ToolflowDatabase database)
{
    private readonly SqlSession _sql = new(database);

    /// <summary>Events with <paramref name="afterSequence"/> &lt; sequence ≤ <paramref name="upTo"/> (no bound when null), in order, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<ExecutionEvent>> ReadAsync(Guid executionId, long afterSequence, long? upTo = null, int limit = 1000, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<ExecutionEvent>>(
            async db => await db.ListAsync(
                $"""
                SELECT ev.sequence, ev.type, ev.occurred_at, ev.data, e.workflow_id
                  FROM execution_events AS ev JOIN workflow_executions AS e ON e.id = ev.execution_id
                 WHERE ev.execution_id = @id AND ev.sequence > @after{(upTo is null ? "" : " AND ev.sequence <= @upTo")}
                 ORDER BY ev.sequence
                 LIMIT @limit
                """,
                row => new ExecutionEvent(
                    executionId.ToString("D"), row.Long("sequence"), row.String("type"), row.Time("occurred_at"),
                    new JsonEventData(row.Json("data") as JsonObject ?? []))
                { WorkflowId = row.Guid("workflow_id").ToString("D") },
                ("id", executionId), ("after", afterSequence), ("upTo", upTo), ("limit", limit)),
            cancellationToken);
}
