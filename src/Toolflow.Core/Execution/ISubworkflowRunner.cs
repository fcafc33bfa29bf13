using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Execution;

/// <summary>
/// Child executions for <c>flow.subworkflow</c>. The parent does not hold a worker while its child
/// runs: the tool starts the child and waits durably; the child's end signals the parent's node,
/// which reads the result with <see cref="ResultAsync"/> (and also looks on a timer, should a signal
/// never come).
/// </summary>
public interface ISubworkflowRunner
{
    /// <summary>
    /// Starts the child, or finds the one an earlier call with the same idempotency key started.
    /// A child that cannot start (no such workflow, not allowed, nested too deep) comes back as a
    /// failed <see cref="SubworkflowStart.Result"/> without an execution.
    /// </summary>
    ValueTask<SubworkflowStart> StartAsync(SubworkflowRequest request, CancellationToken cancellationToken);

    /// <summary>The child's end, or null while it has not ended.</summary>
    ValueTask<SubworkflowResult?> ResultAsync(string childExecutionId, CancellationToken cancellationToken);
}

public sealed record SubworkflowRequest(string ParentExecutionId, string NodeId, string WorkflowId, JsonNode? Input, string IdempotencyKey);

/// <summary>The child's id, and its result when it has already ended (or could not start).</summary>
public sealed record SubworkflowStart(string? ExecutionId, SubworkflowResult? Result);

public sealed record SubworkflowResult(ExecutionStatus Status, JsonNode? Output, ToolFailure? Error);
