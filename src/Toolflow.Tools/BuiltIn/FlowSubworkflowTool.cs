using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Tools.BuiltIn;

/// <summary>
/// <c>flow.subworkflow</c>: starts a child execution of another workflow and waits for it durably
/// (the parent holds no worker meanwhile); its output is the child's output, and a child that
/// fails or is cancelled fails the node (<c>subworkflow.failed</c>, retryable by the node's retry
/// policy: each attempt starts its own child). The child's end signals this node, which then reads
/// the child's result; should that signal be lost, the node also looks on a backing-off timer.
/// Inside <c>forEach</c>, where a node cannot wait durably, each item starts its own child and holds
/// its slot until that child ends.
/// </summary>
public sealed class FlowSubworkflowTool(ISubworkflowRunner? runner) : ITool
{
    private static readonly TimeSpan FirstLook = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestLook = TimeSpan.FromSeconds(30);

    public string Name => "flow.subworkflow";

    public bool HasSideEffects => true;

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var workflowId = ConfigReader.OptionalString(invocation, "workflowId") ?? throw ConfigReader.Invalid(invocation, "workflowId", "is required");
        if (runner is null)
        {
            return ToolOutcome.Failed(ToolFailureCodes.SubworkflowUnavailable, $"node '{invocation.NodeId}': sub-workflows need a workflow store, which is not available here");
        }

        var now = invocation.Time.GetUtcNow();
        if (invocation.Resumed is { State: JsonObject state } wait && (string?)state["executionId"] is { } child)
        {
            // The signal only wakes the node: the result is read from the child itself, so a signal
            // posted to this node through the API cannot stand in for the child's output.
            var result = await runner.ResultAsync(child, cancellationToken);
            if (result is not null)
            {
                return Outcome(invocation, workflowId, child, result);
            }

            var look = TimeSpan.FromMilliseconds(Math.Min(LongestLook.TotalMilliseconds, 2 * ((double?)state["lookMs"] ?? FirstLook.TotalMilliseconds)));
            return ToolOutcome.Waiting(wait with
            {
                WakeAt = now + look,
                State = new JsonObject { ["executionId"] = child, ["lookMs"] = look.TotalMilliseconds },
            });
        }

        var key = $"subworkflow:{invocation.IdempotencyKey ?? $"{invocation.ExecutionId}:{invocation.NodeId}:0"}:{invocation.Attempt}";
        var start = await runner.StartAsync(
            new SubworkflowRequest(invocation.ExecutionId, invocation.NodeId, workflowId, invocation.Config["input"]?.DeepClone(), key), cancellationToken);
        if (start.Result is { } ended)
        {
            return Outcome(invocation, workflowId, start.ExecutionId, ended);
        }

        var id = start.ExecutionId ?? throw new InvalidOperationException("a sub-workflow start without a result must name the child execution");
        if (invocation.ItemIndex is not null)
        {
            // Inside forEach a node cannot wait durably (its items share one node state): the item
            // holds its slot until its child ends, like a long HTTP call.
            return Outcome(invocation, workflowId, id, await UntilEndedAsync(runner, id, invocation.Time, cancellationToken));
        }

        return ToolOutcome.Waiting(new WaitState
        {
            AwaitsSignal = true,
            WakeAt = now + FirstLook,
            Since = now,
            Message = $"waiting for sub-workflow execution {id}",
            State = new JsonObject { ["executionId"] = id, ["lookMs"] = FirstLook.TotalMilliseconds },
        });
    }

    private static async Task<SubworkflowResult> UntilEndedAsync(ISubworkflowRunner runner, string child, TimeProvider time, CancellationToken cancellationToken)
    {
        var look = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (await runner.ResultAsync(child, cancellationToken) is { } result)
            {
                return result;
            }

            await Task.Delay(look, time, cancellationToken);
            look = TimeSpan.FromMilliseconds(Math.Min(FirstLook.TotalMilliseconds, look.TotalMilliseconds * 2));
        }
    }

    private static ToolOutcome Outcome(ToolInvocation invocation, string workflowId, string? child, SubworkflowResult result) =>
        result.Status == ExecutionStatus.Completed
            ? ToolOutcome.Completed(result.Output?.DeepClone())
            : ToolOutcome.Failed(new ToolFailure(
                ToolFailureCodes.SubworkflowFailed,
                (child is null
                    ? $"node '{invocation.NodeId}': sub-workflow {workflowId} could not start"
                    : $"node '{invocation.NodeId}': sub-workflow {workflowId} (execution {child}) ended {result.Status.ToString().ToLowerInvariant()}")
                    + (result.Error is { } e ? $": {e.Message}" : ""),
                Retryable: result.Status == ExecutionStatus.Failed && child is not null));
}
