using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Server.RealTime;

/// <summary>The one JSON shape of an event on both streams: <c>{type, executionId, workflowId, sequence, timestamp, data}</c>.</summary>
internal static class EventMessage
{
    public static JsonObject ToJson(ExecutionEvent e) => new()
    {
        ["type"] = e.Type,
        ["executionId"] = e.ExecutionId,
        ["workflowId"] = e.WorkflowId,
        ["sequence"] = e.Sequence,
        ["timestamp"] = e.Timestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = e.Data,
    };
}
