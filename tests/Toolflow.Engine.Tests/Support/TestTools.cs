using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Tests.Support;

/// <summary>Counts every invocation per node (and item), and keeps the idempotency keys it saw.</summary>
public sealed class InvocationLog
{
    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ConcurrentQueue<string> Keys { get; } = new();

    public ConcurrentQueue<string> Order { get; } = new();

    public int Of(string nodeId) => Runs.GetValueOrDefault(nodeId);

    public void Record(ToolInvocation invocation)
    {
        var key = invocation.ItemIndex is { } i ? $"{invocation.NodeId}[{i}]" : invocation.NodeId;
        Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
        Order.Enqueue(key);
        if (invocation.IdempotencyKey is { } k)
        {
            Keys.Enqueue(k);
        }
    }
}

/// <summary><c>test.echo</c>: returns its config (or <c>config.value</c>); a side-effect tool for idempotency checks.</summary>
public sealed class EchoTool(InvocationLog log) : ITool
{
    public string Name => "test.echo";

    public bool HasSideEffects => true;

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        log.Record(invocation);
        var output = invocation.Config.ContainsKey("value") ? invocation.Config["value"]?.DeepClone() : invocation.Config.DeepClone();
        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(output));
    }
}

/// <summary><c>test.flaky</c>: fails <c>config.failTimes</c> times (retryable unless <c>config.fatal</c>), then returns the attempt.</summary>
public sealed class FlakyTool(InvocationLog log) : ITool
{
    public string Name => "test.flaky";

    public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        log.Record(invocation);
        var failTimes = invocation.Config["failTimes"]?.GetValue<int>() ?? 0;
        var fatal = invocation.Config["fatal"]?.GetValue<bool>() ?? false;
        var retryAfter = invocation.Config["retryAfterMs"]?.GetValue<int>() is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        if (invocation.Attempt <= failTimes)
        {
            return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Failed(new ToolFailure("test.flaky", $"attempt {invocation.Attempt} failed", !fatal, retryAfter)));
        }

        return ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(new JsonObject { ["attempt"] = invocation.Attempt }));
    }
}

/// <summary><c>test.block</c>: waits until the test releases its gate (or the node is cancelled), then echoes <c>config.value</c>.</summary>
public sealed class BlockTool(InvocationLog log) : ITool
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public string Name => "test.block";

    public ConcurrentDictionary<string, int> Cancelled { get; } = new();

    public TaskCompletionSource Gate(string key) => _gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release(string key) => Gate(key).TrySetResult();

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        log.Record(invocation);
        var key = invocation.ItemIndex is { } i ? $"{invocation.NodeId}[{i}]" : invocation.NodeId;
        try
        {
            await Gate(key).Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.AddOrUpdate(key, 1, (_, n) => n + 1);
            throw;
        }

        return ToolOutcome.Completed(invocation.Config["value"]?.DeepClone() ?? invocation.Scope.Item?.DeepClone());
    }
}
