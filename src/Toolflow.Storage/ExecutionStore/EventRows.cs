using System.Globalization;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// The persisted event log. Sequence numbers continue from the last stored one; the caller holds
/// the execution row lock, so two commits never take the same number. On PostgreSQL each commit
/// also NOTIFYs <c>toolflow_events</c> with <c>executionId:sequence</c> per event (delivered at commit), so
/// listeners in other processes can read the new events.
/// </summary>
internal static class EventRows
{
    public const string Channel = "toolflow_events";

    public static async Task<IReadOnlyList<ExecutionEvent>> AppendAsync(Db db, Guid executionId, ExecutionCommit commit, DateTimeOffset now)
    {
        if (commit.Events.Count == 0)
        {
            return [];
        }

        var last = Convert.ToInt64(
            await db.ScalarAsync("SELECT coalesce(max(sequence), 0) FROM execution_events WHERE execution_id = @id", ("id", executionId)),
            CultureInfo.InvariantCulture);
        var workflowId = (await db.ScalarAsync("SELECT workflow_id FROM workflow_executions WHERE id = @id", ("id", executionId)))?.ToString();
        var numbered = new ExecutionEvent[commit.Events.Count];
        for (var i = 0; i < numbered.Length; i++)
        {
            var pending = commit.Events[i];
            numbered[i] = new ExecutionEvent(commit.ExecutionId, ++last, pending.Type, pending.Timestamp, pending.Payload) { WorkflowId = workflowId };
            await db.ExecuteAsync(
                "INSERT INTO execution_events (execution_id, sequence, type, occurred_at, data) VALUES (@id, @sequence, @type, @at, @data)",
                ("id", executionId), ("sequence", last), ("type", pending.Type), ("at", pending.Timestamp),
                ("data", new JsonText(pending.Payload.ToJson().ToJsonString())));
        }

        if (db.IsPostgres)
        {
            // One notification per event, so a listener knows exactly which rows to read.
            var payloads = numbered.Select((e, i) => ($"p{i}", (object?)$"{executionId:D}:{e.Sequence}")).ToList();
            await db.ExecuteAsync(
                "SELECT " + string.Join(", ", payloads.Select(p => $"pg_notify(@channel, @{p.Item1})")),
                [("channel", Channel), .. payloads]);
        }

        return numbered;
    }
}
