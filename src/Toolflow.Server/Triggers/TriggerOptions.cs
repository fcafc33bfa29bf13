namespace Toolflow.Server.Triggers;

/// <summary>Configuration section <c>Triggers</c> (also <c>TOOLFLOW__Triggers__…</c>).</summary>
public sealed class TriggerOptions
{
    public const string Section = "Triggers";

    /// <summary>A webhook body over this many bytes answers 413 and enqueues nothing (default 1 MiB; Kestrel's <c>Api:MaxRequestBodyBytes</c> caps it too).</summary>
    public long WebhookMaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How long a synchronous webhook waits for its execution to end before it answers 202 instead.</summary>
    public TimeSpan SynchronousTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
