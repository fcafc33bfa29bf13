using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Contracts.Executions;

/// <summary>One run of one workflow version, with one entry per node (SPEC §4).</summary>
public sealed record ExecutionResource
{
    public required Guid Id { get; init; }
    public required Guid WorkflowId { get; init; }
    public required int WorkflowVersion { get; init; }
    public required ExecutionStatus Status { get; init; }
    public JsonNode? Input { get; init; }
    public JsonNode? Output { get; init; }
    public ExecutionError? Error { get; init; }
    public Guid? ParentExecutionId { get; init; }
    public string? IdempotencyKey { get; init; }

    /// <summary>What started the run: <c>manual</c> (execute, a public link), <c>schedule</c>, <c>webhook</c>, or <c>workflow</c> (a workflow trigger, a sub-workflow's child).</summary>
    public TriggerType TriggerType { get; init; }

    /// <summary>The user whose key started the run; null for a schedule, a webhook, a public link, or a user since deleted.</summary>
    public Guid? TriggeredBy { get; init; }

    /// <summary>When a <c>waiting</c> run wakes (a delay's end, an approval's timeout); null otherwise.</summary>
    public DateTimeOffset? WakeAt { get; init; }

    public int TotalSteps { get; init; }
    public int StepsCompleted { get; init; }
    public int StepsFailed { get; init; }
    public int StepsSkipped { get; init; }
    public IReadOnlyList<string> CurrentNodes { get; init; } = [];

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }

    public ResourceUsage ResourceUsage { get; init; } = new();
    public IReadOnlyList<NodeExecutionResource> Nodes { get; init; } = [];

    /// <summary>
    /// Only in the answer to <c>POST /shared/{token}/execute</c>: what lets the link's holder read this run
    /// (<c>GET /shared/{token}/runs/{runToken}</c>), and nothing else. Absent everywhere else.
    /// </summary>
    public string? RunToken { get; init; }
}

/// <summary>One node's run inside an execution.</summary>
public sealed record NodeExecutionResource
{
    public required string NodeId { get; init; }
    public required NodeStatus Status { get; init; }
    public int Attempts { get; init; }
    public JsonNode? Output { get; init; }
    public ExecutionError? Error { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>Why an execution or node failed; typed flags, never matched by message text.</summary>
public sealed record ExecutionError
{
    public required string Message { get; init; }
    public string? NodeId { get; init; }

    /// <summary>A short machine-readable kind, e.g. <c>timeout</c>, <c>tool</c>, <c>expression</c>, <c>cancelled</c>.</summary>
    public string? Kind { get; init; }
    public bool Retryable { get; init; }
}

/// <summary>What an execution consumed: node time, bytes, LLM tokens and cost.</summary>
public sealed record ResourceUsage
{
    public long NodeTimeMs { get; init; }
    public long BytesIn { get; init; }
    public long BytesOut { get; init; }
    public long LlmInputTokens { get; init; }
    public long LlmOutputTokens { get; init; }
    public decimal CostUsd { get; init; }
}
