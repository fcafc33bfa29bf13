using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// The execution-level state the engine keeps between runs, in <c>workflow_executions.checkpoint</c>:
/// a pending control request, delivered signals, and the waits left over from a pause.
/// </summary>
internal sealed record Checkpoint(ControlRequest Control, Dictionary<string, JsonNode?> Signals, Dictionary<string, TimeSpan> RemainingWaits)
{
    public static Checkpoint Read(JsonNode? json)
    {
        var control = (string?)json?["control"] switch
        {
            "pause" => ControlRequest.Pause,
            "cancel" => ControlRequest.Cancel,
            _ => ControlRequest.None,
        };
        var signals = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (node, payload) in json?["signals"] as JsonObject ?? [])
        {
            signals[node] = payload?.DeepClone();
        }

        var waits = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (node, ms) in json?["remainingWaits"] as JsonObject ?? [])
        {
            waits[node] = TimeSpan.FromMilliseconds((double)ms!);
        }

        return new Checkpoint(control, signals, waits);
    }

    /// <summary>How a control request is spelled in the checkpoint (null: none).</summary>
    public static string? ControlText(ControlRequest control) =>
        control switch { ControlRequest.Pause => "pause", ControlRequest.Cancel => "cancel", _ => null };

    public JsonObject Write()
    {
        var signals = new JsonObject();
        foreach (var (node, payload) in Signals)
        {
            signals[node] = payload?.DeepClone();
        }

        var waits = new JsonObject();
        foreach (var (node, left) in RemainingWaits)
        {
            waits[node] = left.TotalMilliseconds;
        }

        return new JsonObject
        {
            ["control"] = ControlText(Control),
            ["signals"] = signals,
            ["remainingWaits"] = waits,
        };
    }
}
