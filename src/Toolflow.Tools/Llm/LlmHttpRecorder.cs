using System.Net.Http.Headers;
using System.Text.Json;

namespace Toolflow.Tools.Llm;

/// <summary>
/// Sits under the provider clients and notes the last error answer of the current call — its
/// status, Retry-After and the provider's error message — because each client library wraps
/// HTTP failures in its own exception type, and some drop the status or the header.
/// </summary>
internal sealed class LlmHttpRecorder(HttpMessageHandler inner, long maxResponseBytes) : DelegatingHandler(inner)
{
    private const int MaxErrorBody = 64 * 1024;
    private static readonly AsyncLocal<Observation?> Current = new();

    /// <summary>Starts observing the calls made from this async flow on.</summary>
    public static Observation Begin() => Current.Value = new Observation();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var observation = Current.Value;
        if (!response.IsSuccessStatusCode && observation is not null)
        {
            observation.Status = (int)response.StatusCode;
            observation.RetryAfter = RetryAfter(response.Headers);
            observation.ErrorMessage = await ErrorMessageAsync(response.Content, cancellationToken);
            return response;
        }

        // The client libraries buffer the whole answer; a hostile server must not make that unbounded.
        try
        {
            await response.Content.LoadIntoBufferAsync(maxResponseBytes, cancellationToken);
        }
        catch (HttpRequestException) when (observation is not null)
        {
            observation.TooLarge = true;
            response.Dispose();
            throw;
        }

        return response;
    }

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        // OpenAI also sends retry-after-ms, finer than the standard header's whole seconds.
        if (headers.TryGetValues("retry-after-ms", out var values) &&
            double.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return RetryAfter(headers.RetryAfter);
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    // OpenAI-style {"error": {"message": …}} or Ollama-style {"error": "…"}; buffered so the client can still read it.
    private static async Task<string?> ErrorMessageAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is > MaxErrorBody)
        {
            return null;
        }

        try
        {
            await content.LoadIntoBufferAsync(MaxErrorBody, cancellationToken);
            using var document = JsonDocument.Parse(await content.ReadAsStringAsync(cancellationToken));
            var error = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var e) ? e : default;
            var message = error.ValueKind switch
            {
                JsonValueKind.String => error.GetString(),
                JsonValueKind.Object when error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String => m.GetString(),
                _ => null,
            };
            return message is { Length: > 300 } ? message[..300] + "…" : message;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public sealed class Observation
    {
        public int? Status { get; set; }

        public TimeSpan? RetryAfter { get; set; }

        public string? ErrorMessage { get; set; }

        public bool TooLarge { get; set; }
    }
}
