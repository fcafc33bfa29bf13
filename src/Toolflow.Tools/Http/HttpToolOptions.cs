namespace Toolflow.Tools.Http;

/// <summary>Administrator settings of <c>http.request</c> (configuration section <c>Tools:Http</c>).</summary>
public sealed class HttpToolOptions
{
    public const string Section = "Tools:Http";

    /// <summary>Host names that may resolve to otherwise refused addresses (e.g. an internal API).</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>CIDR ranges that may be reached although they are private, e.g. <c>127.0.0.1/32</c>.</summary>
    public IList<string> AllowedRanges { get; } = [];

    public int DefaultTimeoutMs { get; set; } = 30_000;

    public int MaxTimeoutMs { get; set; } = 300_000;

    public long DefaultMaxResponseBytes { get; set; } = 10 * 1024 * 1024;

    public long MaxResponseBytesLimit { get; set; } = 100 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;
}
