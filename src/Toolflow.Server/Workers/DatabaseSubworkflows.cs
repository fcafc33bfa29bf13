using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Triggers;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Server.Workers;

/// <summary>
/// <c>flow.subworkflow</c> for the workers: the child is an ordinary durable execution of the other
/// workflow (its current version), with <c>parentExecutionId</c> set, created for the parent workflow's
/// owner (who must be allowed to execute the child workflow) and run by any worker; the node waits
/// for its end and outputs its output.
/// The child's idempotency key is the node's (<c>executionId:nodeId:itemIndex</c>), so a parent
/// resumed after a worker died finds the child it had started instead of starting another; when that
/// child failed or was cancelled (the parent is being retried), a new child is started.
/// The waiting node holds its worker slot: a chain of sub-workflows deeper than
/// <c>Workers:Concurrency</c> across all workers waits until a node timeout (docs/engine.md).
/// </summary>
internal sealed class DatabaseSubworkflows(ToolflowRepositories repositories, ExecutionWaiter waiter) : ISubworkflowRunner
{
    // The worker acts for the system when it reads the parent, as it does for credentials.
    private static readonly Caller System = new(Guid.Empty, UserRole.Admin);

    public async ValueTask<SubworkflowResult> RunAsync(SubworkflowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Guid.TryParse(request.WorkflowId, out var workflowId))
        {
            return Failed($"workflowId '{request.WorkflowId}' is not a workflow id (a UUID)");
        }

        if (!Guid.TryParse(request.ParentExecutionId, out var parentId)
            || await repositories.Executions.GetForEngineAsync(parentId, cancellationToken) is not { } parent
            || await repositories.Workflows.GetAsync(System, parent.WorkflowId, cancellationToken) is not { } parentWorkflow)
        {
            return Failed("the parent execution is gone");
        }

        // As the owner, with a member's reach: the owner's own workflows and those shared with them to execute.
        var owner = new Caller(parentWorkflow.OwnerId, UserRole.Member);
        if (await repositories.Workflows.GetAsync(owner, workflowId, cancellationToken) is not { } child)
        {
            return Failed($"workflow {workflowId} does not exist, or the owner of this workflow may not see it");
        }

        var input = request.Input ?? new JsonObject();
        if (ExecutionInput.Check(child.Definition, input) is { Count: > 0 } problems)
        {
            return Failed($"the input does not match the inputSchema of workflow {workflowId}: {string.Join("; ", problems)}");
        }

        using var watch = waiter.Start();
        ExecutionCreation creation;
        var key = "subworkflow:" + request.IdempotencyKey;
        try
        {
            while (true)
            {
                creation = await repositories.Executions.CreateAsync(owner, new NewExecution(workflowId)
                {
                    Input = input.DeepClone(),
                    IdempotencyKey = key,
                    TriggerType = TriggerType.Workflow,
                    ParentExecutionId = parentId,
                }, cancellationToken);
                if (creation.Created || creation.Execution.Status is not (ExecutionStatus.Failed or ExecutionStatus.Cancelled))
                {
                    break;
                }

                // The child this node started before failed: the node runs again (a retry of the parent), so
                // start a new child, keyed after the failed one so that a repeat of this run finds it.
                key = $"subworkflow:{request.IdempotencyKey}:after:{creation.Execution.Id:N}";
            }
        }
        catch (StorageException ex)
        {
            return Failed($"workflow {workflowId} cannot run: {ex.Message}");
        }

        var ended = await watch.EndedWithinAsync(creation.Execution.Id, Timeout.InfiniteTimeSpan, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return ended switch
        {
            null => Failed($"child execution {creation.Execution.Id} is gone"),
            { Status: ExecutionStatus.Completed } => new SubworkflowResult(ExecutionStatus.Completed, ended.Output, null),
            _ => new SubworkflowResult(ended.Status, null, new ToolFailure(ToolFailureCodes.SubworkflowFailed,
                $"child execution {ended.Id} of workflow {workflowId} ended {ended.Status.ToString().ToLowerInvariant()}{Reason(ended.Error)}")
            {
                Details = new JsonObject { ["executionId"] = ended.Id.ToString(), ["error"] = ended.Error?.DeepClone() },
            }),
        };
    }

    private static string Reason(JsonNode? error) => error?["message"]?.GetValue<string>() is { } message ? ": " + message : string.Empty;

    private static SubworkflowResult Failed(string message) =>
        new(ExecutionStatus.Failed, null, new ToolFailure(ToolFailureCodes.SubworkflowFailed, message));
}
