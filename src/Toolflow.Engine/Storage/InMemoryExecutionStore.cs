using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Storage;

/// <summary>
/// The execution store of <c>toolflow run</c> and of tests: each execution behind its own lock, so a
/// commit is atomic exactly as a database transaction would be. Keeps every event for inspection.
/// </summary>
public sealed class InMemoryExecutionStore : IExecutionStore
{
    private readonly ConcurrentDictionary<string, Entry> _executions = new(StringComparer.Ordinal);

    /// <summary>When false, events get sequence numbers but are not kept (benchmarks).</summary>
    public bool KeepEvents { get; init; } = true;

    public ValueTask CreateAsync(ExecutionSnapshot execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        if (!_executions.TryAdd(execution.ExecutionId, new Entry(execution)))
        {
            throw new InvalidOperationException($"execution {execution.ExecutionId} already exists");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<ExecutionSnapshot?> LoadAsync(string executionId, CancellationToken cancellationToken)
    {
        if (!_executions.TryGetValue(executionId, out var entry))
        {
            return ValueTask.FromResult<ExecutionSnapshot?>(null);
        }

        lock (entry)
        {
            return ValueTask.FromResult<ExecutionSnapshot?>(entry.Snapshot());
        }
    }

    public ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var entry = Get(commit.ExecutionId);
        lock (entry)
        {
            return ValueTask.FromResult(entry.Apply(commit, KeepEvents));
        }
    }

    public ValueTask RequestControlAsync(string executionId, ControlRequest request, CancellationToken cancellationToken)
    {
        var entry = Get(executionId);
        lock (entry)
        {
            entry.Control = request;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DeliverSignalAsync(string executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken)
    {
        var entry = Get(executionId);
        lock (entry)
        {
            entry.Signals[nodeId] = payload;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Drops a finished execution (retention for long-lived in-memory hosts and benchmarks).</summary>
    public bool Forget(string executionId) => _executions.TryRemove(executionId, out _);

    /// <summary>Every committed event of an execution, in sequence order.</summary>
    public IReadOnlyList<ExecutionEvent> Events(string executionId)
    {
        var entry = Get(executionId);
        lock (entry)
        {
            return [.. entry.Events];
        }
    }

    private Entry Get(string executionId) =>
        _executions.TryGetValue(executionId, out var entry) ? entry : throw new KeyNotFoundException($"execution {executionId} does not exist");
}
