using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>
/// Where executions live. Narrow on purpose: the engine loads a snapshot, then commits one step at
/// a time. A durable store implements each call as one transaction guarded by the worker's lease.
/// </summary>
public interface IExecutionStore
{
    ValueTask CreateAsync(ExecutionSnapshot execution, CancellationToken cancellationToken);

    ValueTask<ExecutionSnapshot?> LoadAsync(string executionId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies the step atomically and returns its events with their sequence numbers. May be called
    /// concurrently for one execution (forEach items commit from their own tasks).
    /// </summary>
    /// <exception cref="ExecutionStateConflictException">The expected status did not match or the transition is illegal.</exception>
    ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, CancellationToken cancellationToken);

    /// <summary>Records a pause or cancel request for the engine that runs the execution to act on.</summary>
    ValueTask RequestControlAsync(string executionId, ControlRequest request, CancellationToken cancellationToken);

    /// <summary>Records a signal (approval) for a waiting node.</summary>
    ValueTask DeliverSignalAsync(string executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken);
}
