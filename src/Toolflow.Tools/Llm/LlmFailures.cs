using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;
using OllamaSharp.Models.Exceptions;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Llm;

/// <summary>
/// Types what went wrong calling the model: 408/429/5xx, timeouts and lost connections are
/// retryable (with the provider's Retry-After); other 4xx — bad request, bad key, unknown
/// model — are not.
/// </summary>
internal static class LlmFailures
{
    public static ToolFailureException? Map(Exception ex, LlmChatSpec spec, LlmSecret? secret, LlmHttpRecorder.Observation seen, bool timedOut)
    {
        string Clean(string text) => SecretRedactor.Redact(text, secret?.SecretValues() ?? []);
        var who = $"{spec.Provider} model '{spec.Model}'";
        if (timedOut)
        {
            return new ToolFailureException("timeout", $"{who} did not answer within {spec.Timeout.TotalMilliseconds:0} ms", retryable: true);
        }

        if (ex is OperationCanceledException)
        {
            return null;
        }

        if (seen.TooLarge)
        {
            return new ToolFailureException("response_too_large", $"{who} sent an answer larger than Tools:Llm:MaxResponseBytes", retryable: false);
        }

        if ((seen.Status ?? (ex as ClientResultException)?.Status) is int status and >= 400)
        {
            var retryable = status is 408 or 409 or 429 or >= 500;
            var detail = seen.ErrorMessage is { Length: > 0 } message ? $": {Clean(message)}" : string.Empty;
            return new ToolFailureException("llm_status", $"{who} answered {status}{detail}", retryable, seen.RetryAfter, status);
        }

        // The refusal sits deep inside the client's wrappers; it decides before any outer network error does.
        if (Chain(ex).OfType<SsrfRefusedException>().FirstOrDefault() is { } refusal)
        {
            return new ToolFailureException("ssrf_refused", refusal.Message, retryable: false);
        }

        foreach (var inner in Chain(ex))
        {
            switch (inner)
            {
                case SocketException socket:
                    return new ToolFailureException("network", $"could not reach {who}: {socket.SocketErrorCode}", retryable: true);
                case HttpRequestException http:
                    return new ToolFailureException("network", $"could not reach {who}: {http.HttpRequestError}", retryable: true);
                case JsonException:
                    return new ToolFailureException("llm_bad_response", $"{who} sent a response that could not be read", retryable: true);
            }
        }

        // An {"error": …} inside a 200 answer (a model that failed to load) surfaces as one of these, depending on the client.
        return ex is ClientResultException or InvalidOperationException or IOException or OllamaException
            ? new ToolFailureException("llm_bad_response", $"{who} failed: {Clean(ex.Message)}", retryable: true)
            : null;
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            yield return inner;
        }
    }
}
