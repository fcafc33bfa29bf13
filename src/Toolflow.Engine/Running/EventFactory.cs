using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>The events of SPEC §4. Bodies capture the (immutable) records and become JSON on demand.</summary>
internal static class EventFactory
{
    public static PendingEvent Status(DateTimeOffset at, ExecutionStatus status, ExecutionError? error = null) =>
        new(ExecutionEventTypes.Status, at, new StatusData(status, error));

    public static PendingEvent NodeStarted(DateTimeOffset at, NodeDefinition node) =>
        new(ExecutionEventTypes.NodeStarted, at, new NodeStartedData(node));

    public static PendingEvent NodeEnded(DateTimeOffset at, NodeResult result) =>
        new(result.Status == NodeStatus.Failed ? ExecutionEventTypes.NodeFailed : ExecutionEventTypes.NodeCompleted, at, new NodeEndedData(result));

    public static PendingEvent Progress(DateTimeOffset at, ExecutionProgress progress) =>
        new(ExecutionEventTypes.Progress, at, new ProgressData(progress));

    private sealed class StatusData(ExecutionStatus status, ExecutionError? error) : EventData
    {
        public override JsonObject ToJson()
        {
            var data = new JsonObject { ["status"] = StatusText.Of(status) };
            if (error is not null)
            {
                data["error"] = error.ToJson();
            }

            return data;
        }
    }

    private sealed class NodeStartedData(NodeDefinition node) : EventData
    {
        public override JsonObject ToJson() => new() { ["nodeId"] = node.Id, ["tool"] = node.Tool };
    }

    private sealed class NodeEndedData(NodeResult result) : EventData
    {
        public override JsonObject ToJson()
        {
            var data = new JsonObject
            {
                ["nodeId"] = result.NodeId,
                ["status"] = StatusText.Of(result.Status),
                ["attempts"] = result.Attempts,
            };
            if (result.Branch is not null)
            {
                data["branch"] = result.Branch;
            }

            if (result.Error is not null)
            {
                data["error"] = result.Error.ToJson(result.NodeId);
                data["handled"] = result.Handled;
            }

            return data;
        }
    }

    private sealed class ProgressData(ExecutionProgress progress) : EventData
    {
        public override JsonObject ToJson() => new()
        {
            ["totalSteps"] = progress.TotalSteps,
            ["stepsCompleted"] = progress.StepsCompleted,
            ["stepsFailed"] = progress.StepsFailed,
            ["stepsSkipped"] = progress.StepsSkipped,
            ["currentNodes"] = new JsonArray([.. progress.CurrentNodes.Select(id => (JsonNode?)JsonValue.Create(id))]),
        };
    }
}

/// <summary>Status names as SPEC writes them.</summary>
public static class StatusText
{
    public static string Of(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Queued => "queued",
        ExecutionStatus.Running => "running",
        ExecutionStatus.Pausing => "pausing",
        ExecutionStatus.Paused => "paused",
        ExecutionStatus.Waiting => "waiting",
        ExecutionStatus.Completed => "completed",
        ExecutionStatus.Failed => "failed",
        _ => "cancelled",
    };

    public static string Of(NodeStatus status) => status switch
    {
        NodeStatus.Pending => "pending",
        NodeStatus.Running => "running",
        NodeStatus.Completed => "completed",
        NodeStatus.Failed => "failed",
        NodeStatus.Skipped => "skipped",
        _ => "cancelled",
    };
}
