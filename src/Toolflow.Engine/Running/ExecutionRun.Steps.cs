using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>The node steps of a run: start, skip, and commit what a node reports.</summary>
internal sealed partial class ExecutionRun
{
    private async Task StartAsync(NodeStart start, CancellationToken cancellationToken)
    {
        var index = start.Index;
        var node = _run.Graph.Nodes[index];
        var now = Now;
        _state.Running.Add(index);
        var previous = _state.Results[index];
        var running = (previous ?? new NodeResult { NodeId = node.Id }) with { Status = NodeStatus.Running, StartedAt = previous?.StartedAt ?? now };
        _state.Results[index] = running;
        await StageAsync(new ExecutionCommit
        {
            ExecutionId = ExecutionId,
            Nodes = [running],
            Progress = _progress = _state.Progress(_progress),
            Events = start.Resumed is null ? [EventFactory.NodeStarted(now, node)] : [],
        }, cancellationToken);

        // Launched by the next flush, once this start is written.
        _launches.Add(start);
    }

    private async Task RunNodeAsync(NodeStart start)
    {
        NodeCompletion completion;
        try
        {
            completion = await _executor.RunAsync(start, _nodes.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in the engine or a tool that escaped every guard: fail the node, keep the process.
            completion = new NodeCompletion(start.Index, ToolOutcome.Failed("engine.internal", $"{ex.GetType().Name}: {ex.Message}"), 1, Now);
        }

        _messages.Writer.TryWrite(completion);
    }

    private async Task SkipAsync(int index, CancellationToken cancellationToken)
    {
        var now = Now;
        var skipped = new NodeResult { NodeId = _run.Graph.Nodes[index].Id, Status = NodeStatus.Skipped, CompletedAt = now };
        _state.Finish(index, skipped);
        await StageNodeAsync(skipped, now, null, cancellationToken);
    }

    private async Task HandleAsync(NodeCompletion completion, CancellationToken cancellationToken)
    {
        var index = completion.Index;
        _state.Running.Remove(index);
        if (completion.Fatal is not null)
        {
            ExceptionDispatchInfo.Capture(completion.Fatal).Throw();
        }

        var node = _run.Graph.Nodes[index];
        var now = Now;
        var previous = _state.Results[index] ?? new NodeResult { NodeId = node.Id };
        var elapsed = (long)Math.Max(0, (now - completion.StartedAt).TotalMilliseconds);
        _usage = _usage.Add(new ResourceUsage { NodeTimeMs = elapsed }).Add(completion.Outcome?.Usage);
        var attempts = Math.Max(previous.Attempts, completion.Attempts);
        NodeResult result;
        switch (completion.Outcome)
        {
            case null:
                result = previous with { Status = NodeStatus.Cancelled, CompletedAt = now, Waiting = null, Attempts = attempts };
                break;
            case CompletedOutcome done:
                result = previous with { Status = NodeStatus.Completed, Output = Materialize(done.Output), Branch = done.Branch, Attempts = attempts, CompletedAt = now, Waiting = null, Error = null };
                break;
            case WaitingOutcome waiting:
                var wait = waiting.Wait.Since == default ? waiting.Wait with { Since = now } : waiting.Wait;
                result = previous with { Status = NodeStatus.Running, Waiting = wait, Attempts = attempts };
                _state.Results[index] = result;
                _state.Waiting[index] = wait;
                await StageAsync(new ExecutionCommit
                {
                    ExecutionId = ExecutionId,
                    Nodes = [result],
                    Progress = _progress = _state.Progress(_progress),
                    Usage = _usage,
                    ConsumedSignals = completion.ConsumedSignal is { } signal ? [signal] : [],
                    Events = [EventFactory.Progress(now, _progress)],
                }, cancellationToken);
                return;
            case FailedOutcome failed:
                result = Failed(node, previous, failed.Failure, attempts, now);
                break;
            default:
                throw new InvalidOperationException($"unknown outcome {completion.Outcome.GetType().Name}");
        }

        _state.Finish(index, result);
        await StageNodeAsync(result, now, completion.ConsumedSignal, cancellationToken);
    }

    private NodeResult Failed(NodeDefinition node, NodeResult previous, ToolFailure failure, int attempts, DateTimeOffset now)
    {
        var mode = node.OnError ?? OnErrorMode.Fail;
        var result = previous with { Status = NodeStatus.Failed, Error = failure, Attempts = attempts, CompletedAt = now, Waiting = null };
        if (mode == OnErrorMode.Fail || _cancelRequested)
        {
            if (_failure is null)
            {
                _failure = new ExecutionError(failure.Code, failure.Message, node.Id, failure.Retryable);
                _nodes.Cancel();
            }

            return result;
        }

        // continue / branch: the node failed, but the graph goes on with {"error": …} as its output.
        return result with
        {
            Handled = true,
            Output = new JsonObject { ["error"] = failure.ToJson(node.Id) },
            Branch = mode == OnErrorMode.Branch ? BranchNames.Error : null,
        };
    }

    private Task StageNodeAsync(NodeResult result, DateTimeOffset now, string? consumedSignal, CancellationToken cancellationToken) =>
        StageAsync(new ExecutionCommit
        {
            ExecutionId = ExecutionId,
            Nodes = [result],
            Progress = _progress = _state.Progress(_progress),
            Usage = _usage,
            ConsumedSignals = consumedSignal is null ? [] : [consumedSignal],
            Events = [EventFactory.NodeEnded(now, result), EventFactory.Progress(now, _progress)],
        }, cancellationToken);
}
