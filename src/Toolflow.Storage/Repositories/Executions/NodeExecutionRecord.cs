using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Executions;

/// <summary>One node (and forEach item, when <see cref="ItemIndex"/> is set) of an execution.</summary>
public sealed record NodeExecutionRecord
{
    public required Guid Id { get; init; }
    public required Guid ExecutionId { get; init; }
    public required string NodeId { get; init; }
    public int? ItemIndex { get; init; }
    public string? Tool { get; init; }
    public Guid? ToolInstanceId { get; init; }
    public required int Attempts { get; init; }
    public required NodeStatus Status { get; init; }
    public JsonNode? Input { get; init; }
    public JsonNode? Output { get; init; }
    public JsonNode? Error { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }

    internal const string Columns =
        "id, workflow_execution_id, node_id, item_index, tool, tool_instance_id, attempts, status, input, output, error, started_at, completed_at, duration_ms";

    internal static NodeExecutionRecord Read(RowReader row) => new()
    {
        Id = row.Guid("id"),
        ExecutionId = row.Guid("workflow_execution_id"),
        NodeId = row.String("node_id"),
        ItemIndex = row.NullableInt("item_index"),
        Tool = row.NullableString("tool"),
        ToolInstanceId = row.NullableGuid("tool_instance_id"),
        Attempts = row.Int("attempts"),
        Status = SqlText.Parse<NodeStatus>(row.String("status")),
        Input = row.Json("input"),
        Output = row.Json("output"),
        Error = row.Json("error"),
        StartedAt = row.NullableTime("started_at"),
        CompletedAt = row.NullableTime("completed_at"),
        DurationMs = row.NullableLong("duration_ms"),
    };
}

/// <summary>What the engine records for a node: written whole (an upsert per node and item).</summary>
public sealed record NodeExecutionWrite(string NodeId, NodeStatus Status)
{
    public int? ItemIndex { get; init; }
    public string? Tool { get; init; }
    public Guid? ToolInstanceId { get; init; }
    public int Attempts { get; init; }
    public JsonNode? Input { get; init; }
    public JsonNode? Output { get; init; }
    public JsonNode? Error { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public long? DurationMs { get; init; }
}
