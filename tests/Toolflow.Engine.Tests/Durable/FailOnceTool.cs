using System.Collections.Concurrent;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Durable;

/// <summary><c>test.failonce</c>: fails (not retryable) the first time per execution and node, succeeds after — for retry tests.</summary>
public sealed class FailOnceTool(InvocationLog log) : ITool
{
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public string Name => "test.failonce";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        log.Record(invocation);
        var calls = _calls.AddOrUpdate($"{invocation.ExecutionId}:{invocation.NodeId}", 1, (_, n) => n + 1);
        return ValueTask.FromResult<ToolOutcome>(calls == 1
            ? ToolOutcome.Failed("test.failonce", "first call fails")
            : ToolOutcome.Completed(calls));
    }
}
