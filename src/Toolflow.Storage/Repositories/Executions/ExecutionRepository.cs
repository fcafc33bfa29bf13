using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.Repositories.Executions;

/// <summary>
/// Workflow executions and their node executions. A caller reaches an execution through its
/// workflow: what they may not see is null / <see cref="NotFoundException"/>. Methods without a
/// caller are the engine's and the triggers' (the caller was checked when the execution was made).
/// </summary>
public sealed partial class ExecutionRepository(ToolflowDatabase database, TimeProvider time)
{
    private const int MaxIdempotencyKeyLength = 200;
    private readonly SqlSession _sql = new(database);

    /// <summary>Starts a run for a caller holding execute permission on the workflow.</summary>
    public Task<ExecutionCreation> CreateAsync(Caller caller, NewExecution request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CreateCoreAsync(request, caller, cancellationToken);
    }

    /// <summary>Starts a run for a trigger (schedule, webhook, another workflow) with no user behind it.</summary>
    public Task<ExecutionCreation> CreateTriggeredAsync(NewExecution request, CancellationToken cancellationToken = default) =>
        CreateCoreAsync(request, null, cancellationToken);

    private async Task<ExecutionCreation> CreateCoreAsync(NewExecution request, Caller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        new Check().Enum("/triggerType", request.TriggerType)
            .Optional("/idempotencyKey", request.IdempotencyKey, MaxIdempotencyKeyLength)
            .That(request.IdempotencyKey is null || request.IdempotencyKey.Length > 0, "/idempotencyKey", "must not be empty")
            .ThrowIfAny();
        var now = Clock.Now(time);
        var creation = await _sql.WriteAsync(db => CreateInAsync(db, request, caller, now), cancellationToken);
        if (creation.Created && request.Enqueue)
        {
            Queue.LocalJobSignal.Raise();
        }

        return creation;
    }

    /// <summary>
    /// The creation inside a transaction the caller holds (schedules fire and workflow triggers
    /// start their targets in the same transaction as the change that caused them).
    /// </summary>
    internal static async Task<ExecutionCreation> CreateInAsync(Db db, NewExecution request, Caller? caller, DateTimeOffset now)
    {
        var version = await WorkflowVersionForRunAsync(db, request.WorkflowId, caller, now);
        if (caller is not null && request.ParentExecutionId is { } parent && !await VisibleAsync(db, caller, parent, now))
        {
            // A parent is only named by the engine for sub-workflows; from a user it must be theirs to see.
            throw ValidationFailedException.For("/parentExecutionId", "names no execution the caller may see");
        }

        var id = Guid.CreateVersion7();
        (string Name, object? Value)[] row =
        [
            ("id", id), ("workflow", request.WorkflowId), ("version", version), ("parent", request.ParentExecutionId), ("parentNode", request.ParentNodeId),
            ("by", caller?.UserId), ("trigger", SqlText.Of(request.TriggerType)), ("key", request.IdempotencyKey),
            ("input", new JsonText(request.Input?.ToJsonString() ?? "{}")), ("now", now),
        ];
        // total_steps is known from the start (the version's nodes): a queued run reads 0 of N, not 0 of 0.
        var nodeCount = db.IsPostgres ? "jsonb_array_length(v.definition -> 'nodes')" : "json_array_length(v.definition, '$.nodes')";
        var insert =
            $"""
            INSERT INTO workflow_executions (id, workflow_id, workflow_version, parent_execution_id, parent_node_id, triggered_by, trigger_type,
                                             status, idempotency_key, input, total_steps, created_at, updated_at)
            VALUES (@id, @workflow, @version, @parent, @parentNode, @by, @trigger, 'queued', @key, @input,
                    coalesce((SELECT {nodeCount} FROM workflow_versions AS v WHERE v.workflow_id = @workflow AND v.version = @version), 0), @now, @now)
            ON CONFLICT (workflow_id, idempotency_key) DO NOTHING
            RETURNING *
            """;
        List<ExecutionRecord> created;
        if (db.IsPostgres && request.Enqueue)
        {
            // Row, job and the record read back in one statement: the job hangs off the row's RETURNING.
            var job = ExecutionJobs.Parameters(id, request.Priority, request.RunAt ?? now, now).Where(p => p.Name != "now");
            created = await db.ListAsync(
                $"""
                WITH e AS ({insert}),
                     j AS ({ExecutionJobs.InsertSql("SELECT @jobId, @queue, @kind, @payload, @priority, @runAt, @unique, @now, @now FROM e")})
                SELECT {ExecutionRecord.Columns} FROM e
                """,
                ExecutionRecord.Read, [.. row, .. job]);
        }
        else
        {
            created = await db.ListAsync(insert, ExecutionRecord.Read, row);
            if (created.Count > 0 && request.Enqueue)
            {
                await ExecutionJobs.InsertAsync(db, id, request.Priority, request.RunAt ?? now, now);
            }
        }

        return created is [var execution]
            ? new ExecutionCreation(execution, true)
            // The key was used before, or by a concurrent request that committed first (PostgreSQL waited for it).
            : new ExecutionCreation((await FindByKeyAsync(db, request))!, false);
    }

    /// <summary>The workflow's current version, after checking the caller may execute it and it is not archived.</summary>
    private static async Task<int> WorkflowVersionForRunAsync(Db db, Guid workflowId, Caller? caller, DateTimeOffset now)
    {
        var workflow = await WorkflowGate.FindAsync(db, caller, workflowId, now) ?? throw new NotFoundException("workflow", workflowId.ToString());
        WorkflowAccess.Demand(workflowId, workflow.Permission, WorkflowAction.Execute);
        return workflow.Status == WorkflowStatus.Archived
            ? throw new ConflictException($"Workflow '{workflowId}' is archived and cannot run.")
            : workflow.Version;
    }

    private static Task<ExecutionRecord?> FindByKeyAsync(Db db, NewExecution request) =>
        db.SingleOrDefaultAsync(
            $"SELECT {ExecutionRecord.Columns} FROM workflow_executions AS e WHERE e.workflow_id = @workflow AND e.idempotency_key = @key",
            ExecutionRecord.Read, ("workflow", request.WorkflowId), ("key", request.IdempotencyKey));

    internal static async Task<ExecutionRecord?> ReadAsync(Db db, Guid id, bool withNodes, bool forUpdate = false)
    {
        var execution = await db.SingleOrDefaultAsync(
            $"SELECT {ExecutionRecord.Columns} FROM workflow_executions AS e WHERE e.id = @id" + (forUpdate && db.IsPostgres ? " FOR UPDATE" : ""),
            ExecutionRecord.Read, ("id", id));
        if (execution is null || !withNodes)
        {
            return execution;
        }

        var nodes = await db.ListAsync(
            $"SELECT {NodeExecutionRecord.Columns} FROM executions WHERE workflow_execution_id = @id ORDER BY id",
            NodeExecutionRecord.Read, ("id", id));
        return execution with { Nodes = nodes };
    }
}
