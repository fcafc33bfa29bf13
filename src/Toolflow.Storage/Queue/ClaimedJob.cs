using System.Text.Json.Nodes;

namespace Toolflow.Storage.Queue;

/// <summary>A job this worker holds until <see cref="LockedUntil"/>, fenced by <see cref="LeaseToken"/>.</summary>
public sealed record ClaimedJob(Guid Id, string Kind, JsonNode? Payload, int Attempts, int MaxAttempts, Guid LeaseToken, DateTimeOffset LockedUntil)
{
    /// <summary>When the job could first run (its <c>run_at</c>): the queue wait ends at the claim.</summary>
    public DateTimeOffset? ReadyAt { get; init; }
}

/// <summary>A job to enqueue. With <see cref="UniqueKey"/>, at most one unfinished job per key exists.</summary>
public sealed record NewJob(string Kind, JsonNode? Payload)
{
    public string Queue { get; init; } = "default";
    public int Priority { get; init; }
    public DateTimeOffset? RunAt { get; init; }
    public int MaxAttempts { get; init; } = 5;
    public string? UniqueKey { get; init; }
}
