namespace Toolflow.Server.RealTime;

/// <summary>Streaming settings (configuration section <c>Api:RealTime</c>).</summary>
public sealed class RealTimeOptions
{
    public const string Section = "Api:RealTime";

    /// <summary>Events a subscriber may have queued; one that falls this far behind is dropped and must reconnect.</summary>
    public int SubscriberQueueCapacity { get; set; } = 1024;

    /// <summary>An SSE comment is written this often so proxies keep an idle stream open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
