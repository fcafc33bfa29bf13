namespace Toolflow.Tools.Http;

/// <summary>
/// Why an HTTP call failed, typed so that retries never depend on message text:
/// network faults, timeouts, 408/429/5xx are retryable; bad configs, refused addresses,
/// oversized responses and other 4xx are not.
/// </summary>
public sealed class HttpToolFailure : Exception
{
    public HttpToolFailure(string code, string message, bool retryable, TimeSpan? retryAfter = null, int? status = null)
        : base(message)
    {
        Code = code;
        Retryable = retryable;
        RetryAfter = retryAfter;
        Status = status;
    }

    public HttpToolFailure()
        : this("http_error", "HTTP request failed", false)
    {
    }

    public HttpToolFailure(string message)
        : this("http_error", message, false)
    {
    }

    public HttpToolFailure(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "http_error";
    }

    /// <summary>invalid_config, ssrf_refused, timeout, network, http_status, response_too_large, too_many_redirects.</summary>
    public string Code { get; }

    public bool Retryable { get; }

    public TimeSpan? RetryAfter { get; }

    public int? Status { get; }
}
