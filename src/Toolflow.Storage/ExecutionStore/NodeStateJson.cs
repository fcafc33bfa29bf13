using System.Globalization;
using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// The part of a <see cref="NodeResult"/> the <c>executions</c> columns do not hold (branch, handled,
/// the typed failure, the wait), as the node row's <c>engine_state</c> JSON.
/// </summary>
internal static class NodeStateJson
{
    public static JsonObject Write(NodeResult node)
    {
        var json = new JsonObject { ["handled"] = node.Handled };
        if (node.Branch is not null)
        {
            json["branch"] = node.Branch;
        }

        if (node.Error is { } error)
        {
            json["failure"] = new JsonObject
            {
                ["code"] = error.Code,
                ["message"] = error.Message,
                ["retryable"] = error.Retryable,
                ["retryAfterMs"] = error.RetryAfter?.TotalMilliseconds,
                ["details"] = error.Details?.DeepClone(),
            };
        }

        if (node.Waiting is { } wait)
        {
            json["waiting"] = new JsonObject
            {
                ["wakeAt"] = Time(wait.WakeAt),
                ["awaitsSignal"] = wait.AwaitsSignal,
                ["timeoutAt"] = Time(wait.TimeoutAt),
                ["since"] = Time(wait.Since),
                ["message"] = wait.Message,
                ["state"] = wait.State?.DeepClone(),
            };
        }

        return json;
    }

    public static NodeResult Read(NodeResult columns, JsonNode? state)
    {
        if (state is not JsonObject json)
        {
            return columns;
        }

        var failure = json["failure"] is JsonObject f
            ? new ToolFailure((string)f["code"]!, (string)f["message"]!, (bool?)f["retryable"] ?? false,
                f["retryAfterMs"] is { } ms ? TimeSpan.FromMilliseconds((double)ms) : null)
            { Details = f["details"]?.DeepClone() }
            : null;
        var waiting = json["waiting"] is JsonObject w
            ? new WaitState
            {
                WakeAt = Parse(w["wakeAt"]),
                AwaitsSignal = (bool?)w["awaitsSignal"] ?? false,
                TimeoutAt = Parse(w["timeoutAt"]),
                Since = Parse(w["since"]) ?? default,
                Message = (string?)w["message"],
                State = w["state"]?.DeepClone(),
            }
            : null;
        return columns with { Branch = (string?)json["branch"], Handled = (bool?)json["handled"] ?? false, Error = failure, Waiting = waiting };
    }

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Parse(JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
