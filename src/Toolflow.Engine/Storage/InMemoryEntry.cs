using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Storage;

/// <summary>The mutable state of one in-memory execution; always used under its own lock.</summary>
internal sealed class Entry(ExecutionSnapshot execution)
{
    public ExecutionSnapshot Execution { get; set; } = execution;

    public Dictionary<string, NodeResult> Nodes { get; } = new(execution.Nodes, StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Signals { get; } = new(execution.Signals, StringComparer.Ordinal);

    public List<ExecutionEvent> Events { get; } = [];

    public ExecutionSnapshot Snapshot() => Execution with
    {
        Nodes = new Dictionary<string, NodeResult>(Nodes, StringComparer.Ordinal),
        Signals = new Dictionary<string, JsonNode?>(Signals, StringComparer.Ordinal),
    };

    public IReadOnlyList<ExecutionEvent> Apply(ExecutionCommit commit, bool keepEvents)
    {
        var current = Execution.Status;
        if (commit.ExpectedStatus is { } expected && expected != current)
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, current, $"expected {expected.ToString().ToLowerInvariant()}");
        }

        if (commit.Status is { } next && !ExecutionStatusRules.CanTransition(current, next))
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, current, $"cannot become {next.ToString().ToLowerInvariant()}");
        }

        if (commit.Node is { } node)
        {
            Nodes[node.NodeId] = node;
        }

        if (commit.Item is var (nodeId, item))
        {
            var existing = Nodes.GetValueOrDefault(nodeId) ?? new NodeResult { NodeId = nodeId };
            var items = new Dictionary<int, ItemResult>(existing.Items) { [item.Index] = item };
            Nodes[nodeId] = existing with { Items = items };
        }

        if (commit.ConsumedSignal is { } consumed)
        {
            Signals.Remove(consumed);
        }

        var events = new ExecutionEvent[commit.Events.Count];
        var sequence = Execution.LastSequence;
        for (var i = 0; i < events.Length; i++)
        {
            var pending = commit.Events[i];
            events[i] = new ExecutionEvent(commit.ExecutionId, ++sequence, pending.Type, pending.Timestamp, pending.Data);
        }

        if (keepEvents)
        {
            Events.AddRange(events);
        }

        Execution = Execution with
        {
            Status = commit.Status ?? current,
            Progress = commit.Progress ?? Execution.Progress,
            Usage = commit.Usage ?? Execution.Usage,
            Output = commit.Output ?? Execution.Output,
            Error = commit.Error ?? Execution.Error,
            StartedAt = commit.StartedAt ?? Execution.StartedAt,
            CompletedAt = commit.CompletedAt ?? Execution.CompletedAt,
            RequestedControl = commit.ClearControl ? ControlRequest.None : Execution.RequestedControl,
            RemainingWaits = commit.RemainingWaits ?? Execution.RemainingWaits,
            LastSequence = sequence,
        };
        return events;
    }
}
