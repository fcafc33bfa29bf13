using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Tests.Support;

/// <summary>Writes "commit:&lt;node&gt;" into the invocation log whenever a node's final result is committed.</summary>
public sealed class RecordingStore(IExecutionStore inner, InvocationLog log) : IExecutionStore
{
    public ValueTask CreateAsync(ExecutionSnapshot execution, CancellationToken cancellationToken) => inner.CreateAsync(execution, cancellationToken);

    public ValueTask<ExecutionSnapshot?> LoadAsync(string executionId, CancellationToken cancellationToken) => inner.LoadAsync(executionId, cancellationToken);

    public async ValueTask<IReadOnlyList<ExecutionEvent>> CommitAsync(ExecutionCommit commit, CancellationToken cancellationToken)
    {
        var events = await inner.CommitAsync(commit, cancellationToken);
        foreach (var node in commit.Nodes.Where(n => n.IsFinal))
        {
            log.Order.Enqueue("commit:" + node.NodeId);
        }

        return events;
    }

    public ValueTask RequestControlAsync(string executionId, ControlRequest request, CancellationToken cancellationToken) => inner.RequestControlAsync(executionId, request, cancellationToken);

    public ValueTask DeliverSignalAsync(string executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken) => inner.DeliverSignalAsync(executionId, nodeId, payload, cancellationToken);
}
