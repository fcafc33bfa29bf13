using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Tests.Support;

/// <summary>
/// Lets <c>allowed</c> commits through, then fails every later one without applying it: the
/// worker "dies" with exactly <c>allowed</c> steps committed. Also counts final node commits.
/// </summary>
public sealed class CrashingStore(IExecutionStore inner, int allowed) : IExecutionStore
{
    private int _commits;

    public int Commits => _commits;

    public bool Crashed { get; private set; }

    public ValueTask CreateAsync(ExecutionSnapshot execution, CancellationToken cancellationToken) => inner.CreateAsync(execution, cancellationToken);

    public ValueTask<ExecutionSnapshot?> LoadAsync(string executionId, CancellationToken cancellationToken) => inner.LoadAsync(executionId, cancellationToken);

    public ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _commits) > allowed)
        {
            Crashed = true;
            throw new IOException($"simulated crash after {allowed} commits");
        }

        return inner.CommitAsync(commit, cancellationToken);
    }

    public ValueTask RequestControlAsync(string executionId, ControlRequest request, CancellationToken cancellationToken) => inner.RequestControlAsync(executionId, request, cancellationToken);

    public ValueTask DeliverSignalAsync(string executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken) => inner.DeliverSignalAsync(executionId, nodeId, payload, cancellationToken);
}
