namespace Toolflow.Tools.Http;

/// <summary>A connection the SSRF guard refused; never retryable, since the address will not change its nature.</summary>
public sealed class SsrfRefusedException : Exception
{
    public SsrfRefusedException(string message)
        : base(message)
    {
    }

    public SsrfRefusedException()
    {
    }

    public SsrfRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
