using System.Globalization;
using System.Text;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.Repositories.Executions;

public sealed partial class ExecutionRepository
{
    /// <summary>The execution with its node executions, if the caller may see its workflow; else null.</summary>
    public Task<ExecutionRecord?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            async db => await VisibleAsync(db, caller, id) ? await ReadAsync(db, id, withNodes: true) : null,
            cancellationToken);

    /// <summary>The execution with its node executions, for the engine (no visibility check).</summary>
    public Task<ExecutionRecord?> GetForEngineAsync(Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(db => ReadAsync(db, id, withNodes: true), cancellationToken);

    /// <summary>
    /// A workflow's executions, newest first, keyset-paged on (created_at, id); without node rows.
    /// Null when the caller may not see the workflow.
    /// </summary>
    public Task<Page<ExecutionRecord>?> ListAsync(Caller caller, Guid workflowId, ExecutionListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckStatuses(query);
        return _sql.ReadAsync<Page<ExecutionRecord>?>(
            async db => await WorkflowGate.FindAsync(db, caller, workflowId, Clock.Now(time)) is null
                ? null
                : await PageAsync(db, "e.workflow_id = @workflow", [("workflow", workflowId)], query),
            cancellationToken);
    }

    /// <summary>
    /// Every execution of every workflow the caller may see (an administrator: all), newest first, keyset-paged on
    /// (created_at, id); without node rows. What n8n's execution list and Temporal's ListWorkflowExecutions give.
    /// </summary>
    public Task<Page<ExecutionRecord>> ListVisibleAsync(Caller caller, ExecutionListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        CheckStatuses(query);
        return _sql.ReadAsync(
            async db =>
            {
                if (caller.IsAdmin)
                {
                    return await PageAsync(db, "1 = 1", [], query);
                }

                // The caller's own workflows and those shared with them now (ids, so both databases walk indexes).
                var parameters = Workflows.WorkflowAccess.Parameters(caller, Clock.Now(time)).ToList();
                var visible = await db.ListAsync(
                    $"SELECT w.id FROM workflows AS w WHERE w.owner_id = @caller UNION {Workflows.WorkflowAccess.SharedWith}",
                    row => row.Guid("id"), [.. parameters]);
                var filter = db.IsPostgres ? "e.workflow_id = ANY (@visible)" : "e.workflow_id IN (SELECT value FROM json_each(@visible))";
                return await PageAsync(db, filter, [("visible", visible.ToArray())], query);
            },
            cancellationToken);
    }

    private static void CheckStatuses(ExecutionListQuery query)
    {
        var check = new Check();
        foreach (var status in query.Statuses ?? [])
        {
            check.Enum("/status", status);
        }

        check.ThrowIfAny();
    }

    /// <summary>One page of executions matching <paramref name="scope"/> and the query's filters, newest first.</summary>
    private static async Task<Page<ExecutionRecord>> PageAsync(Db db, string scope, (string, object?)[] scopeParameters, ExecutionListQuery query)
    {
        var size = PageSize.Of(query.Limit);
        var after = PageCursor.Decode(query.Cursor, "executions");
        var parameters = new List<(string, object?)>(scopeParameters) { ("limit", size + 1) };
        var sql = new StringBuilder($"SELECT {ExecutionRecord.Columns} FROM workflow_executions AS e WHERE {scope}");
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Distinct().Select((s, i) => { parameters.Add(($"st{i}", SqlText.Of(s))); return $"@st{i}"; });
            sql.Append($" AND e.status IN ({string.Join(", ", names)})");
        }

        Range(sql, parameters, "createdFrom", ">=", query.CreatedFrom);
        Range(sql, parameters, "createdTo", "<", query.CreatedTo);
        if (after is not null)
        {
            sql.Append(" AND (e.created_at < @afterAt OR (e.created_at = @afterAt AND e.id < @afterId))");
            parameters.Add(("afterAt", DateTimeOffset.Parse(after.Value ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            parameters.Add(("afterId", after.Id));
        }

        sql.Append(" ORDER BY e.created_at DESC, e.id DESC LIMIT @limit");
        var rows = await db.ListAsync(sql.ToString(), ExecutionRecord.Read, [.. parameters]);
        var last = rows.Count > size ? rows[size - 1] : null;
        var next = last is null ? null : new PageCursor("executions", last.CreatedAt.ToString("O", CultureInfo.InvariantCulture), last.Id).Encode();
        return new Page<ExecutionRecord>(rows.Take(size).ToList(), next);
    }

    private static void Range(StringBuilder sql, List<(string, object?)> parameters, string name, string op, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            sql.Append($" AND e.created_at {op} @{name}");
            parameters.Add((name, time));
        }
    }

    /// <summary>True when the caller may see the execution's workflow.</summary>
    private Task<bool> VisibleAsync(Db db, Caller caller, Guid executionId) => VisibleAsync(db, caller, executionId, Clock.Now(time));

    private static async Task<bool> VisibleAsync(Db db, Caller caller, Guid executionId, DateTimeOffset now)
    {
        var workflowId = await db.ScalarAsync("SELECT workflow_id FROM workflow_executions WHERE id = @id", ("id", executionId));
        return workflowId is not null
            && await WorkflowGate.FindAsync(db, caller, workflowId is Guid g ? g : Guid.Parse((string)workflowId), now) is not null;
    }
}
