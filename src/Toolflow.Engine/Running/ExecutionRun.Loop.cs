using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>The scheduling loop: act on control, start what is ready or due, end when nothing runs.</summary>
internal sealed partial class ExecutionRun
{
    private async Task<RunResult> LoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_cancelRequested)
            {
                return await CancelAsync(cancellationToken);
            }

            if (_pauseRequested && !_pausing && _failure is null)
            {
                // Only while the request stands: a resume may have withdrawn it since this run heard of it.
                _pausing = await CommitNowAsync(new ExecutionCommit
                {
                    ExecutionId = ExecutionId,
                    Status = ExecutionStatus.Pausing,
                    ExpectedControl = ControlRequest.Pause,
                    ClearControl = true,
                    Events = [EventFactory.Status(Now, ExecutionStatus.Pausing)],
                }, cancellationToken);
                _pauseRequested = _pausing;
            }

            if (_mayHaveResumed)
            {
                _mayHaveResumed = false;
                if (_pausing && await CommitNowAsync(new ExecutionCommit { ExecutionId = ExecutionId, ExpectedStatus = ExecutionStatus.Running }, cancellationToken))
                {
                    // A resume moved the execution from pausing back to running (and said so in its event).
                    _pausing = _pauseRequested = false;
                }
            }

            if (!_pausing && _failure is null)
            {
                await StartWorkAsync(cancellationToken);
            }

            if (_state.Running.Count == 0)
            {
                if (_failure is not null)
                {
                    return await FinishAsync(ExecutionStatus.Failed, null, cancellationToken);
                }

                if (_pausing)
                {
                    if (await PauseAsync(cancellationToken) is { } paused)
                    {
                        return paused;
                    }

                    // Resumed while pausing: the execution is running again; start what is ready.
                    _pausing = _pauseRequested = false;
                    continue;
                }

                if (_state.Ready.Count > 0 || AnyWaitDue())
                {
                    continue;
                }

                if (_state.Waiting.Count > 0)
                {
                    return await EnterWaitingAsync(cancellationToken);
                }

                if (_state.AllFinal)
                {
                    return await CompleteAsync(cancellationToken);
                }

                _failure = new ExecutionError("engine.stuck", "no node can run although some never ran");
                continue;
            }

            // Nodes are running (or about to): write what this turn decided, launch, then wait.
            await FlushAsync(cancellationToken);
            using var timer = ArmWaitTimer();
            var message = await _messages.Reader.ReadAsync(cancellationToken);
            do
            {
                if (message is NodeCompletion completion)
                {
                    await HandleAsync(completion, cancellationToken);
                }
            }
            while (_messages.Reader.TryRead(out message));
        }
    }

    private async Task StartWorkAsync(CancellationToken cancellationToken)
    {
        var max = Math.Max(1, _services.Options.MaxParallelNodes);
        while (_state.Running.Count < max && _state.Ready.TryDequeue(out var index))
        {
            if (!_state.AnyIncomingActive(index))
            {
                await SkipAsync(index, cancellationToken);
                continue;
            }

            await StartAsync(NewStart(index), cancellationToken);
        }

        if (_state.Waiting.Count == 0)
        {
            return;
        }

        var now = Now;
        foreach (var (index, wait) in _state.Waiting.ToArray())
        {
            if (_state.Running.Count >= max)
            {
                break;
            }

            var id = _run.Graph.Nodes[index].Id;
            JsonNode? payload = null;
            var signalled = wait.AwaitsSignal && _signals is not null && _signals.TryRemove(id, out payload);
            if (signalled || wait.DueAt <= now)
            {
                _state.Waiting.Remove(index);
                await StartAsync(NewStart(index) with { Resumed = wait, Signal = signalled ? payload : null, SignalReceived = signalled }, cancellationToken);
            }
        }
    }

    private NodeStart NewStart(int index) =>
        new(index, _state.Outputs, _state.ActiveParents(index)) { DoneItems = _state.Results[index]?.Items ?? NoItems };

    private bool AnyWaitDue()
    {
        var now = Now;
        foreach (var (index, wait) in _state.Waiting)
        {
            if (wait.DueAt <= now || (wait.AwaitsSignal && _signals is not null && _signals.ContainsKey(_run.Graph.Nodes[index].Id)))
            {
                return true;
            }
        }

        return false;
    }

    private ITimer? ArmWaitTimer()
    {
        DateTimeOffset? due = null;
        foreach (var wait in _state.Waiting.Values)
        {
            if (wait.DueAt is { } at && (due is null || at < due))
            {
                due = at;
            }
        }

        if (due is null)
        {
            return null;
        }

        var delay = due.Value - Now;
        return _services.Time.CreateTimer(_ => _messages.Writer.TryWrite(Wakeup.Instance), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }
}
