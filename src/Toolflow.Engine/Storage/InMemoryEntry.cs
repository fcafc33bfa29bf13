using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Storage;

/// <summary>
/// The mutable state of one in-memory execution; always used under its own lock. Fields are
/// updated in place and a snapshot record is built only on load, so a commit allocates little.
/// </summary>
internal sealed class Entry(ExecutionSnapshot execution)
{
    private readonly ExecutionSnapshot _created = execution;
    private ExecutionStatus _status = execution.Status;
    private ExecutionProgress _progress = execution.Progress;
    private ResourceUsage _usage = execution.Usage;
    private JsonNode? _output = execution.Output;
    private ExecutionError? _error = execution.Error;
    private DateTimeOffset? _startedAt = execution.StartedAt;
    private DateTimeOffset? _completedAt = execution.CompletedAt;
    private IReadOnlyDictionary<string, TimeSpan> _remainingWaits = execution.RemainingWaits;
    private long _lastSequence = execution.LastSequence;

    public ControlRequest Control { get; set; } = execution.RequestedControl;

    public Dictionary<string, NodeResult> Nodes { get; } = new(execution.Nodes, StringComparer.Ordinal);

    public Dictionary<string, JsonNode?> Signals { get; } = new(execution.Signals, StringComparer.Ordinal);

    public List<ExecutionEvent> Events { get; } = [];

    public ExecutionSnapshot Snapshot() => _created with
    {
        Status = _status,
        Progress = _progress,
        Usage = _usage,
        Output = _output,
        Error = _error,
        StartedAt = _startedAt,
        CompletedAt = _completedAt,
        RemainingWaits = _remainingWaits,
        LastSequence = _lastSequence,
        RequestedControl = Control,
        Nodes = new Dictionary<string, NodeResult>(Nodes, StringComparer.Ordinal),
        Signals = new Dictionary<string, JsonNode?>(Signals, StringComparer.Ordinal),
    };

    public IReadOnlyList<ExecutionEvent> Apply(ExecutionCommit commit, bool keepEvents)
    {
        if (commit.ExpectedStatus is { } expected && expected != _status)
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, _status, $"expected {expected.ToString().ToLowerInvariant()}");
        }

        if (commit.Status is { } next && !ExecutionStatusRules.CanTransition(_status, next))
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, _status, $"cannot become {next.ToString().ToLowerInvariant()}");
        }

        if (commit.ExpectedControl is { } control && control != Control)
        {
            throw new ExecutionStateConflictException(commit.ExecutionId, _status, $"the {control.ToString().ToLowerInvariant()} request was withdrawn");
        }

        foreach (var node in commit.Nodes)
        {
            Nodes[node.NodeId] = node;
        }

        if (commit.Item is var (nodeId, item))
        {
            var existing = Nodes.GetValueOrDefault(nodeId) ?? new NodeResult { NodeId = nodeId };
            var items = new Dictionary<int, ItemResult>(existing.Items) { [item.Index] = item };
            Nodes[nodeId] = existing with { Items = items };
        }

        foreach (var consumed in commit.ConsumedSignals)
        {
            Signals.Remove(consumed);
        }

        IReadOnlyList<ExecutionEvent> events = [];
        if (commit.Events.Count > 0)
        {
            var numbered = new ExecutionEvent[commit.Events.Count];
            for (var i = 0; i < numbered.Length; i++)
            {
                var pending = commit.Events[i];
                numbered[i] = new ExecutionEvent(commit.ExecutionId, ++_lastSequence, pending.Type, pending.Timestamp, pending.Payload)
                {
                    WorkflowId = _created.WorkflowId,
                };
            }

            if (keepEvents)
            {
                Events.AddRange(numbered);
            }

            events = numbered;
        }

        _status = commit.Status ?? _status;
        _progress = commit.Progress ?? _progress;
        _usage = commit.Usage ?? _usage;
        _output = commit.Output ?? _output;
        _error = commit.Error ?? _error;
        _startedAt = commit.StartedAt ?? _startedAt;
        _completedAt = commit.CompletedAt ?? _completedAt;
        _remainingWaits = commit.RemainingWaits ?? _remainingWaits;
        if (commit.ClearControl)
        {
            Control = ControlRequest.None;
        }

        return events;
    }
}
