using System.Text.Json.Nodes;

namespace Toolflow.Core.Definitions;

public sealed record NodeDefinition
{
    public required string Id { get; init; }
    public string? Tool { get; init; }
    public string? ToolInstanceId { get; init; }
    public string? Name { get; init; }
    public JsonObject? Config { get; init; }
    public string? Credential { get; init; }
    public RetryPolicy? Retry { get; init; }
    public int? TimeoutMs { get; init; }

    /// <summary>An expression yielding an array; the node runs once per item.</summary>
    public string? ForEach { get; init; }
    public int? Concurrency { get; init; }
    public OnErrorMode? OnError { get; init; }
    public NodePosition? Position { get; init; }
}

public sealed record EdgeDefinition
{
    public required string Source { get; init; }
    public required string Target { get; init; }
    public string? Branch { get; init; }
}

public sealed record NodePosition(double X, double Y);

public sealed record RetryPolicy
{
    public int MaxAttempts { get; init; } = 1;
    public BackoffKind Backoff { get; init; } = BackoffKind.Fixed;
    public int InitialDelayMs { get; init; } = 1000;
    public int? MaxDelayMs { get; init; }
}
