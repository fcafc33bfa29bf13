using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>
/// What the loop decided since its last write, merged into one commit: the results of the nodes
/// that finished, the starts of the nodes that became ready, and the status, progress and events
/// that go with them. One write per loop turn instead of one per node event halves the commits of
/// a chain (a node's completion carries the next node's start) without weakening the rule that a
/// node runs only after its start is durable.
/// </summary>
internal sealed class PendingCommit
{
    private readonly List<NodeResult> _nodes = [];
    private readonly List<PendingEvent> _events = [];
    private readonly List<string> _signals = [];
    private ExecutionStatus? _status;
    private ExecutionProgress? _progress;
    private ResourceUsage? _usage;
    private JsonNode? _output;
    private ExecutionError? _error;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _completedAt;
    private IReadOnlyDictionary<string, TimeSpan>? _remainingWaits;
    private bool _clearControl;
    private bool _any;

    public bool IsEmpty => !_any;

    /// <summary>True when <paramref name="commit"/> changes the status and so does what is already pending.</summary>
    public bool ConflictsWith(ExecutionCommit commit) => _status is not null && commit.Status is not null;

    public void Add(ExecutionCommit commit)
    {
        if (commit.Item is not null || commit.ExpectedStatus is not null)
        {
            throw new InvalidOperationException("forEach items and compare-and-set commits are written directly, not merged");
        }

        _any = true;
        foreach (var node in commit.Nodes)
        {
            var at = _nodes.FindIndex(n => string.Equals(n.NodeId, node.NodeId, StringComparison.Ordinal));
            if (at >= 0)
            {
                _nodes[at] = node;
            }
            else
            {
                _nodes.Add(node);
            }
        }

        _events.AddRange(commit.Events);
        _signals.AddRange(commit.ConsumedSignals);
        _status = commit.Status ?? _status;
        _progress = commit.Progress ?? _progress;
        _usage = commit.Usage ?? _usage;
        _output = commit.Output ?? _output;
        _error = commit.Error ?? _error;
        _startedAt = commit.StartedAt ?? _startedAt;
        _completedAt = commit.CompletedAt ?? _completedAt;
        _remainingWaits = commit.RemainingWaits ?? _remainingWaits;
        _clearControl |= commit.ClearControl;
    }

    /// <summary>The merged commit; the builder is empty afterwards.</summary>
    public ExecutionCommit Take(string executionId)
    {
        var commit = new ExecutionCommit
        {
            ExecutionId = executionId,
            Nodes = [.. _nodes],
            Events = [.. _events],
            ConsumedSignals = [.. _signals],
            Status = _status,
            Progress = _progress,
            Usage = _usage,
            Output = _output,
            Error = _error,
            StartedAt = _startedAt,
            CompletedAt = _completedAt,
            RemainingWaits = _remainingWaits,
            ClearControl = _clearControl,
        };
        Clear();
        return commit;
    }

    public void Clear()
    {
        _nodes.Clear();
        _events.Clear();
        _signals.Clear();
        _status = null;
        _progress = null;
        _usage = null;
        _output = null;
        _error = null;
        _startedAt = null;
        _completedAt = null;
        _remainingWaits = null;
        _clearControl = false;
        _any = false;
    }
}
