using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;

namespace Toolflow.Engine.Running;

/// <summary>
/// Runs one node (or one forEach item) through its retry policy: retries only retryable failures,
/// waits the backoff on the injected clock, and bounds each attempt by the node's timeout.
/// </summary>
internal sealed class AttemptRunner(TimeProvider time, EngineOptions options)
{
    public async ValueTask<(ToolOutcome Outcome, int Attempts)> RunAsync(ITool tool, NodeDefinition node, Func<int, ToolInvocation> invocation, CancellationToken cancellationToken)
    {
        var policy = node.Retry;
        var max = Math.Max(1, policy?.MaxAttempts ?? 1);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await InvokeAsync(tool, invocation(attempt), node.TimeoutMs, cancellationToken);
            if (outcome is not FailedOutcome failed || !failed.Failure.Retryable || attempt >= max || policy is null)
            {
                return (outcome, attempt);
            }

            await Task.Delay(Backoff.Delay(policy, attempt, failed.Failure.RetryAfter, options), time, cancellationToken);
        }
    }

    private async ValueTask<ToolOutcome> InvokeAsync(ITool tool, ToolInvocation invocation, int? timeoutMs, CancellationToken cancellationToken)
    {
        if (timeoutMs is not > 0)
        {
            return await Guard(tool, invocation, cancellationToken, cancellationToken);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(timeoutMs.Value), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await Guard(tool, invocation, linked.Token, cancellationToken);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ToolOutcome.Failed(new ToolFailure(ToolFailureCodes.Timeout, $"node '{invocation.NodeId}' timed out after {timeoutMs} ms", Retryable: true));
        }
    }

    // Turns whatever a tool throws into a typed outcome; only cancellation of the run escapes.
    private static async ValueTask<ToolOutcome> Guard(ITool tool, ToolInvocation invocation, CancellationToken token, CancellationToken runToken)
    {
        try
        {
            var pending = tool.ExecuteAsync(invocation, token);
            if (pending.IsCompletedSuccessfully)
            {
                return pending.Result;
            }

            // WaitAsync ends the attempt on time even when a tool ignores its token.
            return await pending.AsTask().WaitAsync(token);
        }
        catch (ToolFailureException ex)
        {
            return ToolOutcome.Failed(ex.Failure);
        }
        catch (SandboxException ex)
        {
            var code = ex.Kind is ExpressionErrorKind.Script or ExpressionErrorKind.Syntax or ExpressionErrorKind.Conversion
                ? ToolFailureCodes.Script
                : ToolFailureCodes.ScriptLimit;

            // A script that threw may succeed next time (it may read the clock or flaky data);
            // one that does not parse, or that hit a limit, will do the same again.
            return ToolOutcome.Failed(new ToolFailure(code, ex.Message, Retryable: ex.Kind == ExpressionErrorKind.Script));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested || runToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ToolOutcome.Failed(new ToolFailure(ToolFailureCodes.Crashed, $"tool '{tool.Name}' crashed: {ex.GetType().Name}: {ex.Message}"));
        }
    }
}
