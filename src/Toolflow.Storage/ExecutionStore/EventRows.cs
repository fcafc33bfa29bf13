using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// The persisted event log. Sequence numbers come from <c>workflow_executions.last_sequence</c>
/// (migration 0007), which the commit's own UPDATE bumps by the number of events: the row lock
/// that UPDATE takes serialises commits, so two never take the same number and none is skipped.
/// On PostgreSQL each commit also NOTIFYs <c>toolflow_events</c> once, with
/// <c>executionId:first-last</c> (delivered at commit), so listeners in other processes can read the
/// new events.
/// </summary>
internal static class EventRows
{
    public const string Channel = "toolflow_events";

    /// <summary>
    /// An INSERT of the commit's events; <paramref name="sequence"/> gives the SQL for the i-th
    /// event's number (on PostgreSQL an expression over the UPDATE's RETURNING, on SQLite the number).
    /// </summary>
    public static string Insert(CommitParameters p, IReadOnlyList<PendingEvent> events, string executionId, Func<int, string> sequence, Func<string, string> source)
    {
        var rows = events.Select((pending, i) =>
            $"({executionId}, {sequence(i)}, {p.Add(pending.Type, "text")}, {p.Add(pending.Timestamp, "timestamptz")}, "
            + $"{p.Add(new JsonText(pending.Payload.ToJson().ToJsonString()), "jsonb")})");
        return $"""
            INSERT INTO execution_events (execution_id, sequence, type, occurred_at, data)
            {source(string.Join(", ", rows))}
            """;
    }

    /// <summary>
    /// One <c>pg_notify</c> per commit, <c>executionId:first-last</c> (the commit's events are
    /// consecutive): a notification costs the database a queue entry and a wake-up of every listener,
    /// and a chain step writes three events.
    /// </summary>
    public static string Notify(CommitParameters p, int count, string executionId, Func<int, string> sequence)
    {
        var channel = p.Add(Channel, "text");
        return $"pg_notify({channel}, CAST({executionId} AS text) || ':' || ({sequence(0)}) || '-' || ({sequence(count - 1)}))";
    }

    /// <summary>The events as the engine publishes them, numbered up to <paramref name="lastSequence"/>.</summary>
    public static IReadOnlyList<ExecutionEvent> Numbered(ExecutionCommit commit, string workflowId, long lastSequence)
    {
        var first = lastSequence - commit.Events.Count + 1;
        return [.. commit.Events.Select((pending, i) =>
            new ExecutionEvent(commit.ExecutionId, first + i, pending.Type, pending.Timestamp, pending.Payload) { WorkflowId = workflowId })];
    }
}
