using System.Globalization;
using System.Net;
using System.Text;

namespace Toolflow.Server.Tests.RealTime;

/// <summary>One Server-Sent Events frame of an execution's stream.</summary>
public sealed record EventFrame(long Id, string Type, string Data)
{
    public string? NodeId => System.Text.Json.Nodes.JsonNode.Parse(Data)?["data"]?["nodeId"]?.GetValue<string>();
}

/// <summary>Reads <c>GET /api/v1/executions/{id}/events</c> until the server ends it (after the final status).</summary>
public static class EventStreamReader
{
    public static async Task<List<EventFrame>> ReadToEndAsync(HttpClient client, Guid executionId, long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/executions/{executionId}/events", UriKind.Relative));
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var frames = new List<EventFrame>();
        var seen = new StringBuilder();
        long? id = null;
        string? type = null;
        string? data = null;
        while (await ReadLineAsync(reader, seen, timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.StartsWith("id:", StringComparison.Ordinal))
            {
                id = long.Parse(line[3..].Trim(), CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data = line[5..].Trim();
            }
            else if (line.Length == 0 && id is { } sequence && type is not null && data is not null)
            {
                frames.Add(new EventFrame(sequence, type, data));
                (id, type, data) = (null, null, null);
            }
        }

        return frames;
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, StringBuilder seen, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the event stream did not end after the final status; it sent:\n{seen}");
            throw;
        }
    }
}
