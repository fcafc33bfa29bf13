using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using ExecutionProgress = Toolflow.Core.Execution.ExecutionProgress;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// The writes of one <see cref="ExecutionCommit"/>, with the fence in the WHERE clause instead of a
/// read: <c>UPDATE workflow_executions … WHERE id AND lease_token (when held) AND status IN (every
/// status the commit may leave)</c>, which also bumps <c>last_sequence</c> by the number of events.
/// On PostgreSQL the node upsert, item upsert, event INSERT and pg_notify hang off that UPDATE's
/// RETURNING in one statement (data-modifying CTEs), so a commit that failed its fence writes
/// nothing and the whole commit is one round trip. SQLite has no data-modifying CTEs: the UPDATE
/// runs first and the rest, in one command, only when it matched. <see cref="RunAsync"/> returns null
/// when the UPDATE matched no row (gone, lease lost, or a status the commit may not leave).
/// </summary>
internal sealed class CommitStatement(ExecutionCommit commit, Guid executionId, Guid? lease, DateTimeOffset now)
{
    /// <summary>The statuses the row may be in for the commit to apply; null when any will do.</summary>
    private readonly ExecutionStatus[]? _from = AllowedFrom(commit);

    /// <summary>False when no status allows the commit (the caller goes straight to the diagnosis).</summary>
    public bool CanMatch => _from is not { Length: 0 };

    /// <summary>
    /// Runs the writes; <paramref name="checkpoint"/> replaces the whole checkpoint (read-modify-write under a lock).
    /// With <paramref name="alone"/> (PostgreSQL) a commit that ends the run also requires that nothing else must
    /// happen in its transaction — no parent to signal, no workflow trigger that may start — so it can be a
    /// statement of its own; otherwise it matches nothing and the caller takes the transaction path.
    /// </summary>
    public async Task<CommitWritten?> RunAsync(Db db, Checkpoint? checkpoint, bool alone = false)
    {
        if (db.IsPostgres)
        {
            var (sql, values) = PostgresCommand(checkpoint, alone);
            return Matched(await db.ListAsync(sql, ReadPostgres, values));
        }

        var p = new CommitParameters(db.Dialect);
        return await RunSqliteAsync(db, p, RowUpdate(db.Dialect, p, checkpoint, alone && Ends));
    }

    /// <summary>The PostgreSQL statement (one row back when it matched, read by <see cref="ReadPostgres"/>), for a batch of commits (<see cref="CommitBatcher"/>).</summary>
    public (string Sql, (string Name, object? Value)[] Values) PostgresCommand(Checkpoint? checkpoint, bool alone)
    {
        var p = new CommitParameters(SqlDialect.Postgres);
        var sql = PostgresSql(p, RowUpdate(SqlDialect.Postgres, p, checkpoint, alone && Ends));
        return (sql, p.Values);
    }

    public static CommitWritten ReadPostgres(RowReader row) => Written(row, row.Long("targets"));

    /// <summary>The commit's outcome from the statement's rows: null when its fence matched nothing.</summary>
    public static CommitWritten? Matched(List<CommitWritten> rows) => rows.Count == 0 ? null : rows[0];

    private string PostgresSql(CommitParameters p, string update)
    {
        const string eid = "moved.id";
        var events = commit.Events.Count;
        string Sequence(int i) => $"moved.last_sequence - {events - 1 - i}";
        static string Source(string rows) => $"SELECT v.* FROM moved CROSS JOIN LATERAL (VALUES {rows}) AS v";
        var at = p.Add(now, "timestamptz");
        var parts = new List<string> { $"moved AS ({update} RETURNING id, workflow_id, last_sequence, parent_execution_id)" };
        if (commit.Nodes.Count > 0)
        {
            parts.Add($"nodes AS ({NodeRows.UpsertNodes(p, commit.Nodes, eid, at, Source)})");
        }

        if (commit.Item is var (nodeId, item))
        {
            parts.Add($"item AS ({NodeRows.UpsertItem(p, nodeId, item, eid, at, Source)})");
        }

        if (events > 0)
        {
            parts.Add($"events AS ({EventRows.Insert(p, commit.Events, eid, Sequence, Source)})");
        }

        if (HandsBack)
        {
            parts.Add($"""
                handed AS (UPDATE jobs AS j SET {JobDone(p)} FROM moved
                            WHERE j.unique_key = 'execution:' || CAST(moved.id AS text) AND j.lease_token = {p.Add(lease, "uuid")} AND j.status = 'running'
                              AND {LiveJob("j.")})
                """);
        }

        var select = new List<string> { "moved.workflow_id", "moved.last_sequence", "moved.parent_execution_id" };
        if (events > 0)
        {
            select.Add(EventRows.Notify(p, events, eid, Sequence));
        }

        // Whether a workflow trigger may start targets: a hint, so the transaction runs the exact
        // query (WorkflowTriggers) only then; same expression as the index workflows_trigger_source_idx.
        select.Add(StartsTargets ? $"(SELECT count(*) FROM {TriggerTargets("moved.workflow_id")}) AS targets" : "0 AS targets");
        select.Add($"{Children("moved.id")} AS children");
        return $"WITH {string.Join(",\n", parts)}\nSELECT {string.Join(", ", select)} FROM moved";
    }

    private async Task<CommitWritten?> RunSqliteAsync(Db db, CommitParameters p, string update)
    {
        var moved = await db.ListAsync(
            $"{update} RETURNING workflow_id, last_sequence, parent_execution_id, {Children("workflow_executions.id")} AS children",
            row => Written(row, null), p.Values);
        if (moved is not [var written])
        {
            return null;
        }

        var rest = new CommitParameters(db.Dialect);
        var eid = rest.Add(executionId);
        var at = rest.Add(now);
        var first = written.LastSequence - commit.Events.Count + 1;
        static string Source(string rows) => $"VALUES {rows}";
        var statements = new List<string>();
        if (commit.Nodes.Count > 0)
        {
            statements.Add(NodeRows.UpsertNodes(rest, commit.Nodes, eid, at, Source));
        }

        if (commit.Item is var (nodeId, item))
        {
            statements.Add(NodeRows.UpsertItem(rest, nodeId, item, eid, at, Source));
        }

        if (commit.Events.Count > 0)
        {
            statements.Add(EventRows.Insert(rest, commit.Events, eid, i => (first + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Source));
        }

        if (HandsBack)
        {
            statements.Add($"UPDATE jobs SET {JobDone(rest)} WHERE unique_key = 'execution:' || {eid} AND lease_token = {rest.Add(lease)} AND status = 'running' AND {LiveJob("")}");
        }

        if (statements.Count > 0)
        {
            await db.ExecuteAsync(string.Join(";\n", statements), rest.Values);
        }

        return written;
    }

    /// <summary>How many live sub-workflow children the execution has, counted only when the commit ends it (they are then cancelled).</summary>
    private string Children(string id) => Ends ? ChildCancel.LiveCount(id) : "0";

    private static CommitWritten Written(RowReader row, long? targets) =>
        new(row.Guid("workflow_id").ToString("D"), row.Long("last_sequence"), targets, row.NullableGuid("parent_execution_id") is not null, row.Long("children"));

    /// <summary>The commit ends the run (any final status).</summary>
    public bool Ends => commit.Status is { } s && ExecutionStatusRules.IsFinal(s);

    /// <summary>
    /// A final commit under a lease also gives the run back: the lease is cleared and the job
    /// completed in the same transaction, so the worker has no finishing round trip left, and a
    /// worker that dies right after its last commit leaves no job to be swept up.
    /// </summary>
    private bool HandsBack => lease is not null && Ends;

    /// <summary>
    /// The predicate of the partial index <c>jobs_unique_key</c>, spelled as the index spells it:
    /// SQLite uses a partial index only when the query repeats its WHERE term, and does not infer
    /// it from <c>status = 'running'</c>.
    /// </summary>
    private static string LiveJob(string alias) => $"{alias}status IN ('queued', 'running')";

    /// <summary>The SET of a completed job, at this commit's time.</summary>
    private string JobDone(CommitParameters p) => Queue.JobQueue.CompletedSet(p.Add(now, "timestamptz"));

    /// <summary>The commit ends the run in a status that starts workflow-trigger targets.</summary>
    public bool StartsTargets => commit.Status is ExecutionStatus.Completed or ExecutionStatus.Failed;

    /// <summary>The active workflows a workflow trigger starts when <paramref name="workflowId"/>'s run ends; same expression as the index workflows_trigger_source_idx.</summary>
    private static string TriggerTargets(string workflowId) =>
        $"workflows AS w WHERE w.trigger_type = 'workflow' AND w.status = 'active' AND (w.definition -> 'trigger' ->> 'workflowId') = CAST({workflowId} AS text)";

    /// <summary>The fenced UPDATE of the execution row, without RETURNING.</summary>
    private string RowUpdate(SqlDialect dialect, CommitParameters p, Checkpoint? checkpoint, bool alone)
    {
        var postgres = dialect == SqlDialect.Postgres;
        var sets = new List<string> { $"updated_at = {p.Add(now, "timestamptz")}" };
        var completedAt = Ends ? commit.CompletedAt ?? now : commit.CompletedAt;
        if (commit.Status is { } status)
        {
            sets.Add($"status = {p.Add(SqlText.Of(status), "text")}, pause_requested = {p.Add(status == ExecutionStatus.Pausing, "boolean")}");
            if (status != ExecutionStatus.Waiting)
            {
                sets.Add("wake_at = NULL");
            }
        }

        if (commit.Progress is { } progress)
        {
            sets.Add($"total_steps = {p.Add(progress.TotalSteps)}, steps_completed = {p.Add(progress.StepsCompleted)}, "
                + $"steps_failed = {p.Add(progress.StepsFailed)}, steps_skipped = {p.Add(progress.StepsSkipped)}, current_nodes = {p.Add(CurrentNodes(progress), "jsonb")}");
        }

        if (commit.Usage is { } usage)
        {
            sets.Add($"resource_usage = {p.Add(new JsonText(UsageJson.Write(usage).ToJsonString()), "jsonb")}");
        }

        if (commit.Output is not null)
        {
            sets.Add($"output = {p.Add(new JsonText(commit.Output.ToJsonString()), "jsonb")}");
        }

        if (commit.Error is not null)
        {
            sets.Add($"error = {p.Add(new JsonText(commit.Error.ToJson().ToJsonString()), "jsonb")}");
        }

        var startedAt = commit.StartedAt is { } started ? p.Add(started, "timestamptz") : null;
        if (startedAt is not null)
        {
            sets.Add($"started_at = {startedAt}");
        }

        if (completedAt is { } done)
        {
            // The run's length from its start (this commit's, else the stored one, else creation),
            // read in the same UPDATE (SET expressions see the row as it was).
            var completed = p.Add(done, "timestamptz");
            var from = startedAt is null ? "coalesce(started_at, created_at)" : $"coalesce({startedAt}, started_at, created_at)";
            sets.Add($"completed_at = {completed}, duration_ms = " + (postgres
                ? $"GREATEST(0, trunc(extract(epoch FROM ({completed} - {from})) * 1000))::bigint"
                : $"max(0, CAST(round((julianday({completed}) - julianday({from})) * 86400000.0) AS INTEGER))"));
        }

        if (checkpoint is not null)
        {
            sets.Add($"checkpoint = {p.Add(new JsonText(checkpoint.Write().ToJsonString()), "jsonb")}");
        }
        else if (commit.ClearControl)
        {
            // Checkpoint.Write keeps "control": null; a row without a checkpoint stays without one (reads as no request).
            sets.Add(postgres ? "checkpoint = jsonb_set(checkpoint, '{control}', 'null'::jsonb)" : "checkpoint = json_set(checkpoint, '$.control', json('null'))");
        }

        if (commit.Events.Count > 0)
        {
            sets.Add($"last_sequence = last_sequence + {commit.Events.Count}");
        }

        if (HandsBack)
        {
            // SET sees the row as it was: the fence below still compares the old token.
            sets.Add("lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL");
        }

        var where = new List<string> { $"id = {p.Add(executionId, "uuid")}" };
        if (lease is { } token)
        {
            where.Add($"lease_token = {p.Add(token, "uuid")}");
        }

        if (alone)
        {
            where.Add("parent_execution_id IS NULL");
            if (StartsTargets)
            {
                where.Add($"NOT EXISTS (SELECT 1 FROM {TriggerTargets("workflow_executions.workflow_id")})");
            }
        }

        if (commit.ExpectedControl is { } control)
        {
            // Enum spelling from code (Checkpoint.Write's), never input.
            var stored = postgres ? "checkpoint ->> 'control'" : "json_extract(checkpoint, '$.control')";
            where.Add(control == ControlRequest.None ? $"({stored}) IS NULL" : $"({stored}) = '{Checkpoint.ControlText(control)}'");
        }

        if (_from is { } allowed)
        {
            // Enum spellings from code, never input: safe to inline, and SQLite binds no arrays.
            where.Add($"status IN ({string.Join(", ", allowed.Select(a => $"'{SqlText.Of(a)}'"))})");
        }

        return $"UPDATE workflow_executions SET {string.Join(", ", sets)} WHERE {string.Join(" AND ", where)}";
    }

    private static JsonText CurrentNodes(ExecutionProgress progress) =>
        new(new JsonArray([.. progress.CurrentNodes.Select(n => (JsonNode?)JsonValue.Create(n))]).ToJsonString());

    /// <summary>Every status from which the commit's status is legal, narrowed to the expected one; null when unconstrained.</summary>
    private static ExecutionStatus[]? AllowedFrom(ExecutionCommit commit)
    {
        if (commit.Status is null && commit.ExpectedStatus is null)
        {
            return null;
        }

        return [.. Enum.GetValues<ExecutionStatus>().Where(from =>
            (commit.ExpectedStatus is not { } expected || from == expected)
            && (commit.Status is not { } next || ExecutionStatusRules.CanTransition(from, next)))];
    }
}

/// <summary>
/// What a matched commit wrote: the row's workflow, its new last event number, (PostgreSQL) the
/// trigger-target hint, whether the execution is a sub-workflow's child (its end signals the parent),
/// and, when the commit ends it, how many of its own children are still live (they are cancelled).
/// </summary>
internal sealed record CommitWritten(string WorkflowId, long LastSequence, long? TriggerTargets, bool HasParent, long LiveChildren);
