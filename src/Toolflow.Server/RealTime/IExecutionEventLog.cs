using Toolflow.Core.Execution;

namespace Toolflow.Server.RealTime;

/// <summary>
/// The committed events of an execution, replayable by sequence: what a reconnecting client
/// (SSE <c>Last-Event-ID</c>) missed. Bound to the persisted log (table execution_events) by the durable store.
/// </summary>
public interface IExecutionEventLog
{
    /// <summary>The execution's events with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    IAsyncEnumerable<ExecutionEvent> ReadAsync(Guid executionId, long afterSequence, CancellationToken cancellationToken);
}
