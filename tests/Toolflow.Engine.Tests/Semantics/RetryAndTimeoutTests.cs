using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Semantics;

/// <summary>flaky(retry …) — one node, retried on the fake clock.</summary>
public sealed class RetryAndTimeoutTests
{
    private static string Flaky(string config, string retry, string extra = "") => $$"""
        { "name": "retry", "nodes": [ { "id": "flaky", "tool": "test.flaky", "config": {{config}}, "retry": {{retry}} {{extra}} } ] }
        """;

    [Fact]
    public async Task A_retryable_failure_is_retried_with_a_fixed_delay()
    {
        var h = new Harness();
        var started = h.Time.GetUtcNow();
        var id = await h.StartAsync(Flaky("""{ "failTimes": 2 }""", """{ "maxAttempts": 3, "backoff": "fixed", "initialDelayMs": 1000 }"""));
        var result = await h.DriveAsync(h.Engine.RunAsync(id), TimeSpan.FromMilliseconds(100));
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal(3, (await h.NodeAsync(id, "flaky")).Attempts);
        Assert.Equal(3, h.Log.Of("flaky"));
        Assert.True(h.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Exponential_backoff_doubles_the_delay()
    {
        // Jitter is pinned to 1 in the harness: delays 100, 200, 400 ms.
        var h = new Harness();
        var started = h.Time.GetUtcNow();
        var id = await h.StartAsync(Flaky("""{ "failTimes": 3 }""", """{ "maxAttempts": 4, "backoff": "exponential", "initialDelayMs": 100 }"""));
        var result = await h.DriveAsync(h.Engine.RunAsync(id), TimeSpan.FromMilliseconds(10));
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.Equal(4, (await h.NodeAsync(id, "flaky")).Attempts);
        Assert.True(h.Time.GetUtcNow() - started >= TimeSpan.FromMilliseconds(700));
    }

    [Fact]
    public async Task RetryAfter_is_honoured()
    {
        var h = new Harness();
        var started = h.Time.GetUtcNow();
        var id = await h.StartAsync(Flaky("""{ "failTimes": 1, "retryAfterMs": 5000 }""", """{ "maxAttempts": 2, "initialDelayMs": 10 }"""));
        var result = await h.DriveAsync(h.Engine.RunAsync(id), TimeSpan.FromMilliseconds(250));
        Assert.Equal(ExecutionStatus.Completed, result.Status);
        Assert.True(h.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_failure_that_is_not_retryable_is_not_retried()
    {
        var h = new Harness();
        var (id, result) = await h.RunAsync(Flaky("""{ "failTimes": 5, "fatal": true }""", """{ "maxAttempts": 5, "initialDelayMs": 10 }"""));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(1, (await h.NodeAsync(id, "flaky")).Attempts);
        Assert.Equal(1, h.Log.Of("flaky"));
    }

    [Fact]
    public async Task After_the_last_attempt_the_node_fails()
    {
        var h = new Harness();
        var id = await h.StartAsync(Flaky("""{ "failTimes": 9 }""", """{ "maxAttempts": 3, "initialDelayMs": 10 }"""));
        var result = await h.DriveAsync(h.Engine.RunAsync(id), TimeSpan.FromMilliseconds(10));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        var node = await h.NodeAsync(id, "flaky");
        Assert.Equal(3, node.Attempts);
        Assert.True(node.Error!.Retryable);
    }

    [Fact]
    public async Task A_node_that_runs_past_its_timeout_fails_with_a_timeout()
    {
        // block(timeoutMs 500) never released
        var h = new Harness();
        var id = await h.StartAsync("""
            { "name": "timeout", "nodes": [ { "id": "slow", "tool": "test.block", "timeoutMs": 500, "config": {} } ] }
            """);
        var result = await h.DriveAsync(h.Engine.RunAsync(id), TimeSpan.FromMilliseconds(100));
        Assert.Equal(ExecutionStatus.Failed, result.Status);
        Assert.Equal(ToolFailureCodes.Timeout, (await h.NodeAsync(id, "slow")).Error!.Code);
        Assert.Equal(1, h.Block.Cancelled.GetValueOrDefault("slow"));

        // A timeout is transient: the execution's own error says a retry may succeed, and the store keeps it.
        Assert.True(result.Error!.Retryable);
        Assert.True((await h.SnapshotAsync(id)).Error!.Retryable);
    }
}
