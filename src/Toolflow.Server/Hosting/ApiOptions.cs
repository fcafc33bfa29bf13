namespace Toolflow.Server.Hosting;

/// <summary>HTTP limits (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Bodies over this size answer 413 before they are read (default 2 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Origins besides the server's own that may open the WebSocket, e.g. <c>https://toolflow.example.org</c>.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public RateLimitOptions RateLimit { get; set; } = new();
}

/// <summary><c>Api:RateLimit</c>: requests per API key per minute (a fixed window); 0 switches the limit off.</summary>
public sealed class RateLimitOptions
{
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary><c>Api:RateLimit:SharedLinkPermitsPerMinute</c>: uses of one public link per minute (view and execute together).</summary>
    public int SharedLinkPermitsPerMinute { get; set; } = 120;

    /// <summary>
    /// <c>Api:RateLimit:WebhookPermitsPerMinute</c>: calls of one webhook per minute. Off (0) by default, as in n8n:
    /// a busy integration may legitimately call one hook hundreds of times a second.
    /// </summary>
    public int WebhookPermitsPerMinute { get; set; }

    /// <summary>
    /// <c>Api:RateLimit:FailedSignInsPerAddressPerMinute</c>: failed sign-ins (a bad key on the UI's form or as a
    /// bearer key) from one client address (an IPv6 /64) before that address is refused for the rest of the minute.
    /// </summary>
    public int FailedSignInsPerAddressPerMinute { get; set; } = 10;

    /// <summary><c>Api:RateLimit:FailedSignInsPerKeyPerMinute</c>: failed UI sign-ins naming one key prefix before that key is refused for the rest of the minute.</summary>
    public int FailedSignInsPerKeyPerMinute { get; set; } = 10;
}
