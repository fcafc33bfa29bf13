using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;

namespace Toolflow.Engine.Running;

/// <summary>How a run ends: completed, failed, cancelled, paused, or waiting.</summary>
internal sealed partial class ExecutionRun
{
    private async Task<RunResult> CompleteAsync(CancellationToken cancellationToken)
    {
        System.Text.Json.Nodes.JsonNode? output;
        try
        {
            output = ExecutionOutput.Compute(_run, _state);
        }
        catch (ExpressionEvaluationException ex)
        {
            _failure = new ExecutionError(ToolFailureCodes.Expression, ex.Message);
            return await FinishAsync(ExecutionStatus.Failed, null, cancellationToken);
        }

        return await FinishAsync(ExecutionStatus.Completed, output, cancellationToken);
    }

    private async Task<RunResult> FinishAsync(ExecutionStatus status, System.Text.Json.Nodes.JsonNode? output, CancellationToken cancellationToken)
    {
        if (status != ExecutionStatus.Completed)
        {
            await CancelWaitingAsync(cancellationToken);
        }

        var now = Now;
        var started = _snapshot.StartedAt ?? _progress.StartedAt ?? now;
        _progress = (_state is null ? _progress : _state.Progress(_progress)) with
        {
            StartedAt = started,
            CompletedAt = now,
            DurationMs = (long)Math.Max(0, (now - started).TotalMilliseconds),
        };
        var error = status == ExecutionStatus.Completed ? null : _failure;
        await StageAsync(new ExecutionCommit
        {
            ExecutionId = ExecutionId,
            Status = status,
            Output = output,
            Error = error,
            StartedAt = _snapshot.StartedAt is null ? started : null,
            CompletedAt = now,
            Progress = _progress,
            Usage = _usage,
            ClearControl = true,
            Events = [EventFactory.Progress(now, _progress), EventFactory.Status(now, status, error)],
        }, cancellationToken);
        await FlushAsync(cancellationToken);
        return new RunResult(status) { Output = output, Error = error };
    }

    private async Task<RunResult> CancelAsync(CancellationToken cancellationToken)
    {
        if (_nodes is not null)
        {
            await _nodes.CancelAsync();
            await DrainAsync(handle: true, cancellationToken);
        }

        _failure = null;
        return await FinishAsync(ExecutionStatus.Cancelled, null, cancellationToken);
    }

    // A waiting node of an execution that ends otherwise than completed is cancelled, not left "running".
    private async Task CancelWaitingAsync(CancellationToken cancellationToken)
    {
        if (_state is null)
        {
            return;
        }

        var now = Now;
        foreach (var (index, _) in _state.Waiting.ToArray())
        {
            var cancelled = _state.Results[index]! with { Status = NodeStatus.Cancelled, CompletedAt = now, Waiting = null };
            _state.Finish(index, cancelled);
            await StageNodeAsync(cancelled, now, null, cancellationToken);
        }
    }

    /// <summary>
    /// Ends the run <c>paused</c>, unless a resume got there first: from <c>pausing</c> only while the
    /// stored status still is (a resume moves it back to <c>running</c>); a queued or waiting
    /// execution only while its pause request stands. Null when the pause was withdrawn.
    /// </summary>
    private async Task<RunResult?> PauseAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var remaining = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (index, wait) in _state.Waiting)
        {
            if (wait.DueAt is { } due)
            {
                remaining[_run.Graph.Nodes[index].Id] = due > now ? due - now : TimeSpan.Zero;
            }
        }

        var paused = await CommitNowAsync(new ExecutionCommit
        {
            ExecutionId = ExecutionId,
            Status = ExecutionStatus.Paused,
            ExpectedStatus = _pausing ? ExecutionStatus.Pausing : null,
            ExpectedControl = _pausing ? null : ControlRequest.Pause,
            ClearControl = true,
            RemainingWaits = remaining,
            Progress = _state.Progress(_progress),
            Events = [EventFactory.Status(now, ExecutionStatus.Paused)],
        }, cancellationToken);
        if (!paused)
        {
            return null;
        }

        _progress = _state.Progress(_progress);
        return new RunResult(ExecutionStatus.Paused);
    }

    private async Task<RunResult> EnterWaitingAsync(CancellationToken cancellationToken)
    {
        await StageAsync(new ExecutionCommit
        {
            ExecutionId = ExecutionId,
            Status = ExecutionStatus.Waiting,
            Progress = _progress = _state.Progress(_progress),
            Usage = _usage,
            Events = [EventFactory.Status(Now, ExecutionStatus.Waiting)],
        }, cancellationToken);
        await FlushAsync(cancellationToken);
        return WaitingResult(ExecutionStatus.Waiting);
    }

    private RunResult WaitingResult(ExecutionStatus status)
    {
        DateTimeOffset? wake = null;
        var signals = new List<string>();
        foreach (var (index, wait) in _state.Waiting)
        {
            if (wait.DueAt is { } due && (wake is null || due < wake))
            {
                wake = due;
            }

            if (wait.AwaitsSignal)
            {
                signals.Add(_run.Graph.Nodes[index].Id);
            }
        }

        return new RunResult(status) { WakeAt = wake, AwaitingSignal = signals };
    }
}
