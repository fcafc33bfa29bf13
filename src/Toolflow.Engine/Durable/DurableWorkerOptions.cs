namespace Toolflow.Engine.Durable;

/// <summary>The <c>Workers:*</c> settings (docs/durable.md).</summary>
public sealed record DurableWorkerOptions
{
    public const string SectionName = "Workers";

    /// <summary>False for an API-only process: no worker and no sweeper start.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many executions this process runs at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>How long an idle worker waits before claiming again when no notification comes (SQLite always polls).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claim holds an execution without a heartbeat; after it, the sweeper hands it to another worker.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running execution's lease is renewed and its pause/cancel requests looked at.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>On shutdown, how long in-flight executions may run on before they are cancelled and released.</summary>
    public TimeSpan ShutdownDeadline { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Back-off before a job whose run crashed (not a workflow failure: a bug or an outage) is tried again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int SweepBatchSize { get; init; } = 500;

    /// <summary>The lock owner written on claimed jobs; unique per process by default.</summary>
    public string WorkerId { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
