using Toolflow.Core.Definitions;

namespace Toolflow.Tools.BuiltIn;

/// <summary><c>flow.subworkflow</c>: starts a child execution through the port and returns its output.</summary>
public sealed class FlowSubworkflowTool(ISubworkflowRunner? runner) : ITool
{
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

        var request = new SubworkflowRequest(invocation.ExecutionId, invocation.NodeId, workflowId, invocation.Config["input"]?.DeepClone(), invocation.IdempotencyKey ?? $"{invocation.ExecutionId}:{invocation.NodeId}:0");
        var result = await runner.RunAsync(request, cancellationToken);
        return result.Status == ExecutionStatus.Completed
            ? ToolOutcome.Completed(result.Output?.DeepClone())
            : ToolOutcome.Failed(result.Error ?? new ToolFailure(ToolFailureCodes.SubworkflowFailed, $"sub-workflow {workflowId} ended {result.Status.ToString().ToLowerInvariant()}"));
    }
}
