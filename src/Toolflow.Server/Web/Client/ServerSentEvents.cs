using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Server.Web.Client;

/// <summary>One event of an execution as the streams send it: <c>{type, executionId, workflowId, sequence, timestamp, data}</c>.</summary>
public sealed record LiveEvent(string Type, long Sequence, JsonObject Data);

/// <summary>Reads the <c>id:</c>/<c>event:</c>/<c>data:</c> frames of a text/event-stream (comments and keep-alives skipped).</summary>
public static class ServerSentEvents
{
    public static async IAsyncEnumerable<LiveEvent> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        string? type = null;
        long sequence = 0;
        var data = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null && data.Length > 0 && Parse(type, sequence, data.ToString()) is { } item)
                {
                    yield return item;
                }

                type = null;
                sequence = 0;
                data.Clear();
            }
            else if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                _ = long.TryParse(line[3..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line[5..].TrimStart());
            }
        }
    }

    private static LiveEvent? Parse(string type, long sequence, string json)
    {
        try
        {
            var message = JsonNode.Parse(json) as JsonObject;
            var payload = message?["data"] as JsonObject ?? [];
            return new LiveEvent(type, sequence, (JsonObject)payload.DeepClone());
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
