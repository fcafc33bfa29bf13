using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Http;

/// <summary>
/// Performs one <c>http.request</c>: follows redirects itself (each hop passes the SSRF guard
/// again), streams the response and stops at the size cap, parses JSON when the response says so.
/// </summary>
public sealed class HttpRequestRunner(HttpMessageInvoker invoker, HttpToolOptions options)
{
    public async Task<HttpCallResult> ExecuteAsync(HttpRequestSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        try
        {
            return await FollowAsync(spec, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolFailureException("timeout", $"no complete response within {spec.Timeout.TotalMilliseconds:0} ms", retryable: true);
        }
        catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
        {
            throw new ToolFailureException("ssrf_refused", refusal.Message, retryable: false);
        }
        catch (HttpRequestException ex)
        {
            throw new ToolFailureException("network", $"request to {spec.Url.Host} failed: {Describe(ex)}", retryable: true);
        }
    }

    private async Task<HttpCallResult> FollowAsync(HttpRequestSpec spec, CancellationToken cancellationToken)
    {
        var method = spec.Method;
        var url = spec.Url;
        var sendBody = true;
        long bytesOut = 0;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, url);
            if (sendBody && spec.Body is not null)
            {
                request.Content = HttpBodyEncoder.Encode(spec.Body, spec.BodyType);
                bytesOut += request.Content.Headers.ContentLength ?? 0;
            }

            var credential = CredentialFor(spec, url);
            foreach (var (name, value) in spec.Headers)
            {
                if (credential is not null && string.Equals(name, credential.Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // Content headers (Content-Type …) only apply when there is a body to describe.
                if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is { } content)
                {
                    content.Headers.Remove(name);
                    content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            if (credential is not null)
            {
                request.Headers.TryAddWithoutValidation(credential.Name, credential.Value);
            }

            using var response = await invoker.SendAsync(request, cancellationToken);
            if (spec.FollowRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (hop >= options.MaxRedirects)
                {
                    throw new ToolFailureException("too_many_redirects", $"more than {options.MaxRedirects} redirects", retryable: false);
                }

                url = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (url.Scheme is not ("http" or "https"))
                {
                    throw new ToolFailureException("invalid_redirect", $"redirect to a non-HTTP URL '{url.Scheme}:'", retryable: false);
                }

                // 303 always becomes GET; 301/302 turn POST into GET as browsers do; 307/308 keep method and body.
                var status = (int)response.StatusCode;
                if (status == 303 || (status is 301 or 302 && method == HttpMethod.Post))
                {
                    method = method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get;
                    sendBody = false;
                }

                continue;
            }

            return await ReadAsync(spec, response, bytesOut, cancellationToken);
        }
    }

    private static async Task<HttpCallResult> ReadAsync(HttpRequestSpec spec, HttpResponseMessage response, long bytesOut, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var bytes = await HttpBodyReader.ReadCappedAsync(response.Content, spec.MaxResponseBytes, cancellationToken);
        var output = new JsonObject
        {
            ["status"] = status,
            ["headers"] = CollectHeaders(response),
            ["body"] = HttpBodyReader.Decode(bytes, response.Content.Headers.ContentType),
        };

        if (spec.FailOnHttpError && status >= 400)
        {
            var retryable = status is 408 or 429 or >= 500;
            throw new ToolFailureException("http_status", $"{spec.Method} {spec.Url.GetLeftPart(UriPartial.Path)} answered {status}", retryable, RetryAfter(response.Headers.RetryAfter), status);
        }

        return new HttpCallResult(output, bytesOut, bytes.Length);
    }

    private static JsonObject CollectHeaders(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        }

        return headers;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static CredentialHeader? CredentialFor(HttpRequestSpec spec, Uri url)
    {
        if (spec.Credential is not { } credential)
        {
            return null;
        }

        if (credential.Binding.IsBound)
        {
            credential.Binding.Require(url.Host, credential.CredentialName);
            return credential;
        }

        return string.Equals(url.Host, spec.Url.Host, StringComparison.OrdinalIgnoreCase) && url.Port == spec.Url.Port ? credential : null;
    }

    private static bool IsRedirect(HttpStatusCode code) => (int)code is 301 or 302 or 303 or 307 or 308;

    private static SsrfRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SsrfRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string Describe(HttpRequestException ex) =>
        ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.HttpRequestError.ToString();
}

/// <summary>The tool output plus what crossed the wire, for the execution's resource usage.</summary>
public sealed record HttpCallResult(JsonObject Output, long BytesSent, long BytesReceived);
