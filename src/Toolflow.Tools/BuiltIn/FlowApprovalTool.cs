namespace Toolflow.Tools.BuiltIn;

/// <summary>
/// <c>flow.approval</c>: waits durably for a signal; its output is the signal's payload. With
/// <c>timeoutMs</c>, it fails (not retryable) when no signal came in time.
/// </summary>
public sealed class FlowApprovalTool : ITool
{
    public string Name => "flow.approval";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var now = invocation.Time.GetUtcNow();
        if (invocation.SignalReceived)
        {
            return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(invocation.Signal?.DeepClone()));
        }

        if (invocation.Resumed is { } wait)
        {
            if (wait.TimeoutAt is { } timeout && now >= timeout)
            {
                // The timeout the node was given: the wake-up may come later than it (the sweeper's interval, downtime).
                var allowed = (long)(timeout - wait.Since).TotalMilliseconds;
                return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Failed(ToolFailureCodes.ApprovalTimeout, $"node '{invocation.NodeId}': no approval within {allowed} ms"));
            }

            return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Waiting(wait));
        }

        var timeoutMs = ConfigReader.OptionalNumber(invocation, "timeoutMs");
        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Waiting(new WaitState
        {
            AwaitsSignal = true,
            Since = now,
            TimeoutAt = timeoutMs is { } ms ? now.AddMilliseconds(ms) : null,
            Message = ConfigReader.OptionalString(invocation, "message"),
        }));
    }
}

/// <summary>
/// Stands in for <c>flow.approval</c> where nobody can deliver a signal (<c>toolflow run</c>):
/// fails the node at once with a clear, non-retryable error instead of waiting forever.
/// </summary>
public sealed class UnavailableApprovalTool : ITool
{
    public string Name => "flow.approval";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Failed(ToolFailureCodes.ApprovalUnavailable,
            $"node '{invocation.NodeId}' needs an approval signal, and nobody can send one to 'toolflow run'; run the workflow on a server to approve it"));
    }
}
