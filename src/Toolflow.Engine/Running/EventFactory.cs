using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>The payloads of the events of SPEC §4.</summary>
internal static class EventFactory
{
    public static PendingEvent Status(DateTimeOffset at, ExecutionStatus status, ExecutionError? error = null)
    {
        var data = new JsonObject { ["status"] = StatusText.Of(status) };
        if (error is not null)
        {
            data["error"] = error.ToJson();
        }

        return new(ExecutionEventTypes.Status, at, data);
    }

    public static PendingEvent NodeStarted(DateTimeOffset at, NodeDefinition node) =>
        new(ExecutionEventTypes.NodeStarted, at, new JsonObject { ["nodeId"] = node.Id, ["tool"] = node.Tool });

    public static PendingEvent NodeEnded(DateTimeOffset at, NodeResult result)
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

        var type = result.Status == NodeStatus.Failed ? ExecutionEventTypes.NodeFailed : ExecutionEventTypes.NodeCompleted;
        return new(type, at, data);
    }

    public static PendingEvent Progress(DateTimeOffset at, ExecutionProgress progress) =>
        new(ExecutionEventTypes.Progress, at, new JsonObject
        {
            ["totalSteps"] = progress.TotalSteps,
            ["stepsCompleted"] = progress.StepsCompleted,
            ["stepsFailed"] = progress.StepsFailed,
            ["stepsSkipped"] = progress.StepsSkipped,
            ["currentNodes"] = new JsonArray([.. progress.CurrentNodes.Select(id => (JsonNode?)JsonValue.Create(id))]),
        });
}

/// <summary>Status names as SPEC writes them.</summary>
public static class StatusText
{
    public static string Of(ExecutionStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(NodeStatus status) => status.ToString().ToLowerInvariant();
}
