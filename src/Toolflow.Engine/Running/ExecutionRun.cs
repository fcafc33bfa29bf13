using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Engine.Graph;

namespace Toolflow.Engine.Running;

/// <summary>
/// One pass of the engine over one execution, from its last committed state until it completes,
/// fails, is cancelled, pauses or must wait. Scheduling decisions are taken on one logical thread
/// (the loop); nodes run concurrently and report back through a channel. Every node result is
/// committed before the loop looks at its dependents.
/// </summary>
internal sealed partial class ExecutionRun
{
    private static readonly Dictionary<int, ItemResult> NoItems = [];
    private readonly EngineServices _services;
    private readonly Channel<RunMessage> _messages = Channel.CreateUnbounded<RunMessage>(new UnboundedChannelOptions { SingleReader = true });
    private ConcurrentDictionary<string, JsonNode?>? _signals;
    private readonly ExecutionSnapshot _snapshot;
    private readonly PendingCommit _pending = new();
    private readonly List<NodeStart> _launches = [];
    private RunState _state = null!;
    private RunContext _run = null!;
    private NodeExecutor _executor = null!;
    private CancellationTokenSource _nodes = null!;
    private ExecutionError? _failure;
    private ExecutionProgress _progress;
    private ResourceUsage _usage;
    private volatile bool _pauseRequested;
    private volatile bool _cancelRequested;
    private volatile bool _mayHaveResumed;

    /// <summary>The run has committed <c>pausing</c> (or was loaded so): it starts nothing new.</summary>
    private bool _pausing;

    public ExecutionRun(EngineServices services, ExecutionSnapshot snapshot)
    {
        _services = services;
        _snapshot = snapshot;
        _signals = snapshot.Signals.Count > 0 ? new(snapshot.Signals, StringComparer.Ordinal) : null;
        _progress = snapshot.Progress;
        _usage = snapshot.Usage;
        _pauseRequested = snapshot.RequestedControl == ControlRequest.Pause || snapshot.Status == ExecutionStatus.Pausing;
        _cancelRequested = snapshot.RequestedControl == ControlRequest.Cancel;
    }

    private string ExecutionId => _snapshot.ExecutionId;

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    public void RequestPause()
    {
        _pauseRequested = true;
        _messages.Writer.TryWrite(Wakeup.Instance);
    }

    /// <summary>
    /// A resume may have withdrawn the pause (the stored status is <c>running</c> again): a pausing run
    /// checks the store and, if so, goes on starting nodes instead of pausing.
    /// </summary>
    public void MayHaveResumed()
    {
        _mayHaveResumed = true;
        _messages.Writer.TryWrite(Wakeup.Instance);
    }

    public void RequestCancel()
    {
        _cancelRequested = true;
        _messages.Writer.TryWrite(Wakeup.Instance);
    }

    public void Signal(string nodeId, JsonNode? payload)
    {
        LazyInitializer.EnsureInitialized(ref _signals, () => new(StringComparer.Ordinal))[nodeId] = payload;
        _messages.Writer.TryWrite(Wakeup.Instance);
    }

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var status = _snapshot.Status;
        if (ExecutionStatusRules.IsFinal(status) || status == ExecutionStatus.Paused)
        {
            return new RunResult(status) { Output = _snapshot.Output, Error = _snapshot.Error };
        }

        WorkflowGraph graph;
        try
        {
            graph = WorkflowGraph.For(_snapshot.Definition);
        }
        catch (GraphValidationException ex)
        {
            _failure = new ExecutionError("definition.invalid", ex.Message);
            return await FinishAsync(ExecutionStatus.Failed, null, cancellationToken);
        }

        var facts = new ExecutionFacts(ExecutionId, _snapshot.StartedAt ?? Now, _snapshot.WorkflowId);
        _run = new RunContext(_services, graph, ExecutionId, _snapshot.WorkflowId, _snapshot.Input, facts);
        _state = new RunState(graph, _snapshot);
        _executor = new NodeExecutor(_run);
        if (status is ExecutionStatus.Queued or ExecutionStatus.Waiting)
        {
            if (_cancelRequested)
            {
                return await CancelAsync(cancellationToken);
            }

            if (_pauseRequested)
            {
                if (await PauseAsync(cancellationToken) is { } paused)
                {
                    return paused;
                }

                // The pause was withdrawn (resumed) before it took effect: run on.
                _pauseRequested = false;
            }

            if (status == ExecutionStatus.Waiting && _state.Ready.Count == 0 && !AnyWaitDue())
            {
                return WaitingResult(ExecutionStatus.Waiting);
            }
        }

        // A run that was pausing when its worker stopped goes on pausing (it is not running again first).
        _pausing = status == ExecutionStatus.Pausing;
        await StageAsync(new ExecutionCommit
        {
            ExecutionId = ExecutionId,
            Status = _pausing ? null : ExecutionStatus.Running,
            StartedAt = _snapshot.StartedAt is null ? facts.StartedAt : null,
            Progress = _progress = _state.Progress(_progress) with { StartedAt = facts.StartedAt },
            Events = _pausing ? [] : [EventFactory.Status(Now, ExecutionStatus.Running)],
        }, cancellationToken);

        using var nodes = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _nodes = nodes;
        try
        {
            return await LoopAsync(cancellationToken);
        }
        catch
        {
            // The run is abandoned (caller cancelled, store failed): stop the nodes, write nothing more.
            DiscardLaunches();
            await _nodes.CancelAsync();
            await DrainAsync(handle: false, CancellationToken.None);
            throw;
        }
    }
}
