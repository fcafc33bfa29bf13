using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Running;

namespace Toolflow.Engine.Local;

/// <summary>
/// The document <c>toolflow run</c> prints (SPEC §5): status, output, error, and one entry per
/// node of the definition, in definition order. A node that never ran is <c>pending</c>.
/// </summary>
public static class ExecutionReport
{
    public static JsonObject ToJson(ExecutionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = new JsonObject();
        foreach (var node in snapshot.Definition.Nodes)
        {
            if (nodes.ContainsKey(node.Id))
            {
                continue;
            }

            var result = snapshot.Nodes.GetValueOrDefault(node.Id);
            var entry = new JsonObject
            {
                ["status"] = StatusText.Of(result?.Status ?? NodeStatus.Pending),
                ["output"] = result?.Output?.DeepClone(),
                ["attempts"] = result?.Attempts ?? 0,
            };
            if (result?.Error is { } error)
            {
                entry["error"] = error.ToJson(node.Id);
            }

            nodes[node.Id] = entry;
        }

        return new JsonObject
        {
            ["status"] = StatusText.Of(snapshot.Status),
            ["output"] = snapshot.Output?.DeepClone(),
            ["error"] = snapshot.Error?.ToJson(),
            ["nodes"] = nodes,
        };
    }

    /// <summary>The document for a run that could not even start (e.g. the file is not a definition).</summary>
    public static JsonObject Failure(string code, string message) => new()
    {
        ["status"] = StatusText.Of(ExecutionStatus.Failed),
        ["output"] = null,
        ["error"] = new ExecutionError(code, message).ToJson(),
        ["nodes"] = new JsonObject(),
    };
}
