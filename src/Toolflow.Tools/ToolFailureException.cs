namespace Toolflow.Tools;

/// <summary>
/// Why an integration tool failed, typed so that retries never depend on message text
/// (for http.request: network faults, timeouts, 408/429/5xx are retryable; bad configs,
/// refused addresses, oversized responses and other 4xx are not).
/// </summary>
public sealed class ToolFailureException : Exception
{
    public ToolFailureException(string code, string message, bool retryable, TimeSpan? retryAfter = null, int? status = null)
        : base(message)
    {
        Code = code;
        Retryable = retryable;
        RetryAfter = retryAfter;
        Status = status;
    }

    public ToolFailureException()
        : this("tool_error", "the tool failed", false)
    {
    }

    public ToolFailureException(string message)
        : this("tool_error", message, false)
    {
    }

    public ToolFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "tool_error";
    }

    /// <summary>A stable code: invalid_config, timeout, network, ssrf_refused, http_status, response_too_large, …</summary>
    public string Code { get; }

    public bool Retryable { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>The HTTP status (or other protocol status) behind the failure, when there is one.</summary>
    public int? Status { get; }
}
