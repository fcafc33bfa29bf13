using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;

namespace Toolflow.Engine;

/// <summary>
/// Where a call to <see cref="WorkflowEngine.RunAsync"/> left the execution. When it is
/// <c>waiting</c>, <see cref="WakeAt"/> says when to run it again (a delay or an approval
/// timeout), and <see cref="AwaitingSignal"/> which nodes wait for a signal.
/// </summary>
public sealed record RunResult(ExecutionStatus Status)
{
    public DateTimeOffset? WakeAt { get; init; }
    public IReadOnlyList<string> AwaitingSignal { get; init; } = [];
    public JsonNode? Output { get; init; }
    public ExecutionError? Error { get; init; }

    public bool IsFinal => ExecutionStatusRules.IsFinal(Status);
}
