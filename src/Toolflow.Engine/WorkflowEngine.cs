using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Engine.Running;
using Toolflow.Engine.Telemetry;

namespace Toolflow.Engine;

/// <summary>
/// Runs workflow executions against the ports only (store, tools, events, clock). A call to
/// <see cref="RunAsync"/> goes from the last committed state until the execution ends, pauses or
/// must wait; it never blocks a thread on a delay or an approval — it returns when to come back.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly EngineServices _services;
    private readonly ConcurrentDictionary<string, ExecutionRun> _active = new(StringComparer.Ordinal);

    public WorkflowEngine(IExecutionStore store, IToolRegistry tools, ExpressionEvaluator expressions, TimeProvider? time = null, IEventPublisher? events = null, EngineOptions? options = null, IToolInstanceResolver? toolInstances = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(expressions);
        _services = new EngineServices(store, tools, expressions, events ?? NullEventPublisher.Instance, time ?? TimeProvider.System, options ?? new EngineOptions(), toolInstances ?? NoToolInstances.Instance);
    }

    private IExecutionStore Store => _services.Store;

    /// <summary>Creates a <c>queued</c> execution of <paramref name="definition"/> and returns its id.</summary>
    public async Task<string> StartAsync(WorkflowDefinition definition, JsonNode? input, string? workflowId = null, string? executionId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var id = executionId ?? Guid.CreateVersion7().ToString();
        await Store.CreateAsync(new ExecutionSnapshot
        {
            ExecutionId = id,
            WorkflowId = workflowId,
            Definition = definition,
            Input = input,
            CreatedAt = _services.Time.GetUtcNow(),
            Progress = new ExecutionProgress { TotalSteps = definition.Nodes.Count },
        }, cancellationToken);
        return id;
    }

    /// <summary>Runs the execution from its committed state; see <see cref="RunResult"/> for where it stopped.</summary>
    public async Task<RunResult> RunAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var snapshot = await Load(executionId, cancellationToken);
        var run = new ExecutionRun(_services, snapshot);
        if (!_active.TryAdd(executionId, run))
        {
            throw new InvalidOperationException($"execution {executionId} is already running in this engine");
        }

        using var span = EngineTelemetry.Source.StartActivity("toolflow.execution");
        span?.SetTag("toolflow.execution.id", executionId);
        span?.SetTag("toolflow.workflow.id", snapshot.WorkflowId);
        try
        {
            var result = await run.RunAsync(cancellationToken);
            var status = EnumText(result.Status);
            span?.SetTag("toolflow.execution.status", status);
            if (result.IsFinal && snapshot.Status != result.Status)
            {
                EngineTelemetry.ExecutionsFinished.Add(1, new KeyValuePair<string, object?>("status", status));
            }

            if (result.Status == ExecutionStatus.Failed)
            {
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, result.Error?.Code);
            }

            return result;
        }
        finally
        {
            _active.TryRemove(executionId, out _);
        }
    }

    /// <summary>Pause: running nodes finish, nothing new starts. A queued or waiting execution pauses at once.</summary>
    public async Task PauseAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadNotFinal(executionId, cancellationToken);
        await Store.RequestControlAsync(executionId, ControlRequest.Pause, cancellationToken);
        if (_active.TryGetValue(executionId, out var run))
        {
            run.RequestPause();
        }
        else if (snapshot.Status is ExecutionStatus.Queued or ExecutionStatus.Waiting)
        {
            await RunAsync(executionId, cancellationToken);
        }
    }

    /// <summary>Cancel: running nodes are cancelled and the execution ends <c>cancelled</c>.</summary>
    public async Task CancelAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadNotFinal(executionId, cancellationToken);
        await Store.RequestControlAsync(executionId, ControlRequest.Cancel, cancellationToken);
        if (_active.TryGetValue(executionId, out var run))
        {
            run.RequestCancel();
        }
        else if (snapshot.Status is ExecutionStatus.Queued or ExecutionStatus.Waiting or ExecutionStatus.Paused)
        {
            if (snapshot.Status == ExecutionStatus.Paused)
            {
                await Store.CommitAsync(new ExecutionCommit { ExecutionId = executionId, ExpectedStatus = ExecutionStatus.Paused, Status = ExecutionStatus.Queued }, cancellationToken);
            }

            await RunAsync(executionId, cancellationToken);
        }
    }

    /// <summary>
    /// Resume. A paused execution becomes <c>queued</c> (delays get back only what remained of them). A
    /// <c>pausing</c> one has its pause withdrawn: it is <c>running</c> again and never reaches
    /// <c>paused</c>; one whose pause request was not acted on yet loses the request. Anything else
    /// (running with no pause asked for, or ended) is a conflict.
    /// </summary>
    public async Task ResumeAsync(string executionId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await Load(executionId, cancellationToken);
            try
            {
                await ResumeFromAsync(snapshot, cancellationToken);
                return;
            }
            catch (ExecutionStateConflictException) when (attempt < 3)
            {
                // The run moved between the read and the write (it finished pausing, say): look again.
            }
        }
    }

    private async Task ResumeFromAsync(ExecutionSnapshot snapshot, CancellationToken cancellationToken)
    {
        var executionId = snapshot.ExecutionId;
        var now = _services.Time.GetUtcNow();
        if (PauseWithdrawal.For(snapshot.ExecutionId, snapshot.Status, snapshot.RequestedControl, EventFactory.Status(now, ExecutionStatus.Running)) is { } withdrawal)
        {
            await _services.Events.PublishAsync(await Store.CommitAsync(withdrawal, cancellationToken), cancellationToken);
            MayHaveResumed(executionId);
            return;
        }

        if (snapshot.Status != ExecutionStatus.Paused)
        {
            throw new ExecutionStateConflictException(executionId, snapshot.Status, PauseWithdrawal.NothingToResume(snapshot.Status));
        }

        foreach (var (nodeId, remaining) in snapshot.RemainingWaits)
        {
            if (snapshot.Nodes.GetValueOrDefault(nodeId) is { Waiting: { } wait } node)
            {
                var shifted = wait with
                {
                    WakeAt = wait.WakeAt is null ? null : now + remaining,
                    TimeoutAt = wait.TimeoutAt is null ? null : now + remaining,
                };
                await Store.CommitAsync(new ExecutionCommit { ExecutionId = executionId, Nodes = [node with { Waiting = shifted }] }, cancellationToken);
            }
        }

        var events = await Store.CommitAsync(new ExecutionCommit
        {
            ExecutionId = executionId,
            ExpectedStatus = ExecutionStatus.Paused,
            Status = ExecutionStatus.Queued,
            RemainingWaits = new Dictionary<string, TimeSpan>(),
            ClearControl = true,
            Events = [EventFactory.Status(now, ExecutionStatus.Queued)],
        }, cancellationToken);
        await _services.Events.PublishAsync(events, cancellationToken);
    }

    /// <summary>
    /// A pause request stored for an execution this engine runs (heard by its worker's heartbeat): the run
    /// pauses if the request still stands when it acts. Unlike <see cref="PauseAsync"/> nothing is recorded,
    /// so a request a resume withdrew in between is not brought back.
    /// </summary>
    public void PauseRequested(string executionId)
    {
        if (_active.TryGetValue(executionId, out var run))
        {
            run.RequestPause();
        }
    }

    /// <summary>
    /// The stored execution may be <c>running</c> again after a pause was withdrawn (a resume, perhaps from
    /// another process): a run here that is pausing checks, and goes on starting nodes if so.
    /// </summary>
    public void MayHaveResumed(string executionId)
    {
        if (_active.TryGetValue(executionId, out var run))
        {
            run.MayHaveResumed();
        }
    }

    /// <summary>Delivers an approval (or any signal) to a waiting node; a worker then runs the execution on.</summary>
    public async Task SignalAsync(string executionId, string nodeId, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        await LoadNotFinal(executionId, cancellationToken);
        await Store.DeliverSignalAsync(executionId, nodeId, payload, cancellationToken);
        if (_active.TryGetValue(executionId, out var run))
        {
            run.Signal(nodeId, payload);
        }
    }

    private async Task<ExecutionSnapshot> Load(string executionId, CancellationToken cancellationToken) =>
        await Store.LoadAsync(executionId, cancellationToken) ?? throw new KeyNotFoundException($"execution {executionId} does not exist");

    private async Task<ExecutionSnapshot> LoadNotFinal(string executionId, CancellationToken cancellationToken)
    {
        var snapshot = await Load(executionId, cancellationToken);
        return ExecutionStatusRules.IsFinal(snapshot.Status)
            ? throw new ExecutionStateConflictException(executionId, snapshot.Status, "the execution has ended")
            : snapshot;
    }

    private static string EnumText(ExecutionStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
