using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Validation;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.Subworkflows;

/// <summary>
/// Child executions on the database (flow.subworkflow). A child runs on behalf of the owner of the
/// parent's workflow, who must be allowed to execute the target workflow; it is queued like any
/// execution, marked with its parent and the waiting node (so its end signals that node,
/// <see cref="ExecutionStore.ParentWake"/>), with an input its <c>inputSchema</c> accepts, and started
/// once per idempotency key (a key whose child failed starts a new one: the node is being run again).
/// Nesting is bounded (<see cref="MaxDepth"/>), so a workflow that calls itself ends instead of growing forever.
/// </summary>
public sealed class SubworkflowRunner(ToolflowDatabase database, TimeProvider time) : ISubworkflowRunner
{
    /// <summary>How many levels of sub-workflows may nest below a top-level execution.</summary>
    public const int MaxDepth = 10;

    private readonly SqlSession _sql = new(database);

    public async ValueTask<SubworkflowStart> StartAsync(SubworkflowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Guid.TryParse(request.WorkflowId, out var target))
        {
            return Cannot($"'{request.WorkflowId}' is not a workflow id");
        }

        var parent = Guid.Parse(request.ParentExecutionId);
        var now = time.GetUtcNow();
        var (start, created) = await _sql.WriteAsync(async db =>
        {
            var owner = await db.SingleOrDefaultAsync(
                """
                SELECT w.owner_id, u.role FROM workflow_executions AS e
                  JOIN workflows AS w ON w.id = e.workflow_id JOIN users AS u ON u.id = w.owner_id
                 WHERE e.id = @parent
                """,
                row => new Caller(row.Guid("owner_id"), SqlText.Parse<UserRole>(row.String("role"))), ("parent", parent));
            if (owner is null)
            {
                return (Cannot("the parent execution no longer exists"), false);
            }

            if (await AncestorsAsync(db, parent) + 1 > MaxDepth)
            {
                return (Cannot($"sub-workflows may nest at most {MaxDepth} levels deep"), false);
            }

            // What the owner may not run, they learn nothing about: not even its input schema.
            var gate = await WorkflowGate.FindAsync(db, owner, target, now);
            if (gate is null || gate.Permission < SharePermission.Execute)
            {
                return (Cannot($"workflow {target} does not exist, or the owner of this workflow may not run it"), false);
            }

            var input = request.Input?.DeepClone() ?? new JsonObject();
            var definition = DefinitionJson.Parse((string)(await db.ScalarAsync(
                "SELECT definition FROM workflow_versions WHERE workflow_id = @id AND version = @version", ("id", target), ("version", gate.Version)))!);
            if (ExecutionInput.Check(definition, input) is { Count: > 0 } problems)
            {
                return (Cannot($"the input does not match the inputSchema of workflow {target}: {string.Join("; ", problems)}"), false);
            }

            try
            {
                var key = request.IdempotencyKey;
                while (true)
                {
                    var creation = await ExecutionRepository.CreateInAsync(db, new NewExecution(target)
                    {
                        Input = input.DeepClone(),
                        IdempotencyKey = key,
                        TriggerType = TriggerType.Workflow,
                        ParentExecutionId = parent,
                        ParentNodeId = request.NodeId,
                    }, owner, now);
                    var child = creation.Execution;
                    if (!creation.Created && child.Status is ExecutionStatus.Failed or ExecutionStatus.Cancelled)
                    {
                        // The node runs again after its child failed (the parent was retried, or its worker
                        // died after the child's end): a new child, keyed after the old one, so that a
                        // repeat of this very run finds the new child instead of starting a third.
                        key = $"{request.IdempotencyKey}:after:{child.Id:N}";
                        continue;
                    }

                    return (new SubworkflowStart(child.Id.ToString("D"), Ended(child.Status, child.Output, child.Error)), creation.Created);
                }
            }
            catch (Exception e) when (e is NotFoundException or InsufficientPermissionException)
            {
                return (Cannot($"workflow {target} does not exist, or the owner of this workflow may not run it"), false);
            }
            catch (ConflictException e)
            {
                return (Cannot(e.Message), false);
            }
        }, cancellationToken);
        if (created)
        {
            Queue.LocalJobSignal.Raise();
        }

        return start;
    }

    public async ValueTask<SubworkflowResult?> ResultAsync(string childExecutionId, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(childExecutionId);
        var rows = await _sql.ReadAsync(
            db => db.ListAsync(
                "SELECT status, output, error FROM workflow_executions WHERE id = @id",
                row => (Status: SqlText.Parse<ExecutionStatus>(row.String("status")), Output: row.Json("output"), Error: row.Json("error")), ("id", id)),
            cancellationToken);
        return rows is [var row]
            ? Ended(row.Status, row.Output, row.Error)
            : new SubworkflowResult(ExecutionStatus.Failed, null, new ToolFailure(ToolFailureCodes.SubworkflowFailed, $"the child execution {childExecutionId} no longer exists"));
    }

    /// <summary>The result of a child in <paramref name="status"/>, or null while it has not ended.</summary>
    private static SubworkflowResult? Ended(ExecutionStatus status, JsonNode? output, JsonNode? error) =>
        !ExecutionStatusRules.IsFinal(status)
            ? null
            : new SubworkflowResult(status, status == ExecutionStatus.Completed ? output?.DeepClone() : null,
                status == ExecutionStatus.Completed ? null : new ToolFailure(
                    ToolFailureCodes.SubworkflowFailed, (string?)error?["message"] ?? $"it ended {SqlText.Of(status)}")
                { Details = error?.DeepClone() });

    private static SubworkflowStart Cannot(string why) =>
        new(null, new SubworkflowResult(ExecutionStatus.Failed, null, new ToolFailure(ToolFailureCodes.SubworkflowFailed, why)));

    /// <summary>How many executions are above <paramref name="execution"/> (0 for a top-level one).</summary>
    private static async Task<long> AncestorsAsync(Db db, Guid execution)
    {
        var rows = await db.ListAsync(
            $"""
            WITH RECURSIVE up (id, depth) AS (
                SELECT {(db.IsPostgres ? "CAST(@id AS uuid)" : "@id")}, 0
                UNION ALL
                SELECT e.parent_execution_id, up.depth + 1 FROM workflow_executions AS e JOIN up ON e.id = up.id
                 WHERE e.parent_execution_id IS NOT NULL AND up.depth <= @limit
            )
            SELECT max(depth) AS depth FROM up
            """,
            row => row.Long("depth"), ("id", execution), ("limit", MaxDepth));
        return rows is [var depth] ? depth : 0;
    }
}
