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

/// <summary>Until the persisted log is bound: nothing to replay, so streams carry live events only.</summary>
internal sealed class EmptyExecutionEventLog : IExecutionEventLog
{
    public IAsyncEnumerable<ExecutionEvent> ReadAsync(Guid executionId, long afterSequence, CancellationToken cancellationToken) =>
        AsyncEnumerable.Empty<ExecutionEvent>();
}
