using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>A message to the run loop: a node finished, or something outside changed (control, signal, timer).</summary>
internal abstract record RunMessage;

internal sealed record Wakeup : RunMessage
{
    public static readonly Wakeup Instance = new();
}

/// <summary>
/// How a node's work ended. <see cref="Fatal"/> is set when the store failed under it: the run
/// must stop without writing anything more, exactly like a worker that lost its lease.
/// </summary>
internal sealed record NodeCompletion(int Index, ToolOutcome? Outcome, int Attempts, DateTimeOffset StartedAt) : RunMessage
{
    public bool Cancelled { get; init; }
    public Exception? Fatal { get; init; }
    public string? ConsumedSignal { get; init; }
}
