namespace Toolflow.Core.Execution;

/// <summary>Resource usage of SPEC §2: node time, bytes in and out, LLM tokens, cost.</summary>
public sealed record ResourceUsage
{
    public static readonly ResourceUsage None = new();

    public long NodeTimeMs { get; init; }
    public long BytesIn { get; init; }
    public long BytesOut { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public decimal CostUsd { get; init; }

    public ResourceUsage Add(ResourceUsage? other) => other is null ? this : new()
    {
        NodeTimeMs = NodeTimeMs + other.NodeTimeMs,
        BytesIn = BytesIn + other.BytesIn,
        BytesOut = BytesOut + other.BytesOut,
        InputTokens = InputTokens + other.InputTokens,
        OutputTokens = OutputTokens + other.OutputTokens,
        CostUsd = CostUsd + other.CostUsd,
    };
}
