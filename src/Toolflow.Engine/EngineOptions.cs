namespace Toolflow.Engine;

/// <summary>Knobs of the engine; the defaults suit <c>toolflow run</c> and a worker alike.</summary>
public sealed record EngineOptions
{
    /// <summary>How many nodes of one execution may run at the same time.</summary>
    public int MaxParallelNodes { get; init; } = 8;

    /// <summary>Upper bound of a retry delay when the node's policy sets none.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Source of retry jitter in [0, 1); replaceable so tests are deterministic.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
}
