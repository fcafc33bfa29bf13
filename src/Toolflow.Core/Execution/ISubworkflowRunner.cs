using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution;

/// <summary>Starts a child execution of another workflow and awaits its end (flow.subworkflow).</summary>
public interface ISubworkflowRunner
{
    ValueTask<SubworkflowResult> RunAsync(SubworkflowRequest request, CancellationToken cancellationToken);
}

public sealed record SubworkflowRequest(string ParentExecutionId, string NodeId, string WorkflowId, JsonNode? Input, string IdempotencyKey);

public sealed record SubworkflowResult(ExecutionStatus Status, JsonNode? Output, ToolFailure? Error);
