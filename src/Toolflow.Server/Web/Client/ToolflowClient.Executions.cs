using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Executions;

namespace Toolflow.Server.Web.Client;

/// <summary>Executions: read, control (pause, resume, cancel, retry, signal) and the live event stream.</summary>
public sealed partial class ToolflowClient
{
    public Task<ApiResult<ExecutionResource>> GetExecutionAsync(Guid id, CancellationToken cancellation = default) =>
        SendAsync<ExecutionResource>(HttpMethod.Get, $"api/v1/executions/{id}", cancellation: cancellation);

    /// <summary><paramref name="action"/> is one of pause, resume, cancel, retry.</summary>
    public Task<ApiResult<ExecutionResource>> ControlExecutionAsync(Guid id, string action) =>
        action is "pause" or "resume" or "cancel" or "retry"
            ? SendAsync<ExecutionResource>(HttpMethod.Post, $"api/v1/executions/{id}/{action}")
            : throw new ArgumentOutOfRangeException(nameof(action), action, "not an execution action");

    public Task<ApiResult<JsonObject>> SignalAsync(Guid id, string? nodeId, bool approved, JsonNode? payload) =>
        SendAsync<JsonObject>(HttpMethod.Post, $"api/v1/executions/{id}/signal", new JsonObject
        {
            ["nodeId"] = nodeId,
            ["approved"] = approved,
            ["payload"] = payload?.DeepClone(),
        });

    /// <summary>
    /// The execution's Server-Sent Events after <paramref name="lastSequence"/>, until the server ends the
    /// stream (after the final status, or when this reader fell behind — then reconnect with the last sequence).
    /// </summary>
    public async IAsyncEnumerable<LiveEvent> StreamEventsAsync(Guid id, long lastSequence, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        using var response = await SendRawAsync(
            HttpMethod.Get, $"api/v1/executions/{id}/events", null,
            r => r.Headers.TryAddWithoutValidation("Last-Event-ID", lastSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            yield break;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        using var reader = new StreamReader(stream);
        await foreach (var item in ServerSentEvents.ReadAsync(reader, cancellation))
        {
            yield return item;
        }
    }
}
