using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Sharing;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// Pause, resume, cancel, signal and retry through the database, whichever process runs the
/// execution: requests are recorded on the row (the running worker's heartbeat acts on them), and
/// an execution that no worker holds is enqueued so one picks it up. Every method needs execute
/// permission on the workflow; unknown or invisible → <see cref="NotFoundException"/>; an execution
/// in a state that forbids the action → <see cref="ExecutionStateConflictException"/> (HTTP 409).
/// With <paramref name="settle"/> (the host's engine), pause and cancel act at once on an execution
/// no worker runs (queued, waiting, paused) and on one this process runs, instead of waiting for a
/// worker to pick the request up; one running in another process hears of it at its next heartbeat.
/// <see cref="ControlRequest.None"/> tells it a resume withdrew a pause, so a run here that is pausing goes on.
/// </summary>
public sealed partial class ExecutionControl(
    ToolflowDatabase database, DatabaseExecutionStore store, TimeProvider time, IEventPublisher? events = null,
    Func<string, ControlRequest, CancellationToken, Task>? settle = null)
{
    private readonly SqlSession _sql = new(database);

    public async Task PauseAsync(Caller caller, Guid executionId, CancellationToken cancellationToken = default)
    {
        var status = await AuthorizeAsync(caller, executionId, cancellationToken);
        RefuseFinal(executionId, status);
        if (status is ExecutionStatus.Paused or ExecutionStatus.Pausing)
        {
            return;
        }

        if (settle is not null)
        {
            await settle(Id(executionId), ControlRequest.Pause, cancellationToken);
            return;
        }

        await store.RequestControlAsync(Id(executionId), ControlRequest.Pause, cancellationToken);
        await EnqueueAsync(executionId, cancellationToken);
    }

    public async Task CancelAsync(Caller caller, Guid executionId, CancellationToken cancellationToken = default)
    {
        var status = await AuthorizeAsync(caller, executionId, cancellationToken);
        RefuseFinal(executionId, status);
        if (settle is not null)
        {
            await settle(Id(executionId), ControlRequest.Cancel, cancellationToken);
            return;
        }

        await store.RequestControlAsync(Id(executionId), ControlRequest.Cancel, cancellationToken);
        if (status == ExecutionStatus.Paused)
        {
            // A paused execution has no worker: queue it, and the engine ends it cancelled at once.
            await PublishAsync(await store.CommitControlAsync(new ExecutionCommit
            {
                ExecutionId = Id(executionId),
                ExpectedStatus = ExecutionStatus.Paused,
                Status = ExecutionStatus.Queued,
            }, enqueue: true, cancellationToken), cancellationToken);
            return;
        }

        await EnqueueAsync(executionId, cancellationToken);
    }

    /// <summary>Delivers a signal (an approval's payload) to a waiting node; the execution then runs on.</summary>
    public async Task SignalAsync(Caller caller, Guid executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        var status = await AuthorizeAsync(caller, executionId, cancellationToken);
        RefuseFinal(executionId, status);
        await store.DeliverSignalAsync(Id(executionId), nodeId, payload, cancellationToken);
        if (status == ExecutionStatus.Waiting)
        {
            await EnqueueAsync(executionId, cancellationToken);
        }
    }

    private static string Id(Guid id) => id.ToString("D");

    private static void RefuseFinal(Guid id, ExecutionStatus status)
    {
        if (ExecutionStatusRules.IsFinal(status))
        {
            throw new ExecutionStateConflictException(Id(id), status, "the execution has ended");
        }
    }

    /// <summary>Enqueues the execution's job unless one is live (the unique key), so an idle execution gets a worker.</summary>
    private Task EnqueueAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return _sql.WriteAsync(db => ExecutionJobs.InsertAsync(db, id, 0, now, now), cancellationToken);
    }

    private async Task<ExecutionStatus> AuthorizeAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        (await AuthorizeWithControlAsync(caller, id, cancellationToken)).Status;

    /// <summary>The execution's status and its pending control request, once the caller may run its workflow.</summary>
    private Task<(ExecutionStatus Status, ControlRequest Control)> AuthorizeWithControlAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        _sql.ReadAsync(async db =>
        {
            var rows = await db.ListAsync("SELECT workflow_id, status, checkpoint FROM workflow_executions WHERE id = @id",
                row => (Workflow: row.Guid("workflow_id"), Status: SqlText.Parse<ExecutionStatus>(row.String("status")), Checkpoint.Read(row.Json("checkpoint")).Control), ("id", id));
            if (rows is not [var row] || await WorkflowGate.FindAsync(db, caller, row.Workflow, time.GetUtcNow()) is not { } workflow)
            {
                throw new NotFoundException("execution", id.ToString());
            }

            // Pause, cancel and signal all need what running it needs (WorkflowActions: execute).
            WorkflowAccess.Demand(workflow.Id, workflow.Permission, WorkflowAction.Execute);
            return (row.Status, row.Control);
        }, cancellationToken);

    private async Task PublishAsync(IReadOnlyList<ExecutionEvent> published, CancellationToken cancellationToken)
    {
        if (events is not null && published.Count > 0)
        {
            await events.PublishAsync(published, cancellationToken);
        }
    }
}
