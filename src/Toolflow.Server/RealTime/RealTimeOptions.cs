namespace Toolflow.Server.RealTime;

/// <summary>Streaming settings (configuration section <c>Api:RealTime</c>).</summary>
public sealed class RealTimeOptions
{
    public const string Section = "Api:RealTime";

    /// <summary>Events a subscriber may have queued; one that falls this far behind is dropped and must reconnect.</summary>
    public int SubscriberQueueCapacity { get; set; } = 1024;

    /// <summary>An SSE comment is written this often so proxies keep an idle stream open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often an open WebSocket or SSE stream checks again that its API key is live and that what it
    /// watches is still visible: a key or share revoked after subscribing stops the events within this time.
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
