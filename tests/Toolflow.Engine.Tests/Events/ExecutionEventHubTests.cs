using System.Text.Json.Nodes;
using Toolflow.Core.Execution;
using Toolflow.Engine.Events;

namespace Toolflow.Engine.Tests.Events;

public class ExecutionEventHubTests
{
    private static ExecutionEvent Event(string executionId, long sequence, string workflowId = "w") =>
        new(executionId, sequence, ExecutionEventTypes.Progress, DateTimeOffset.UnixEpoch, new JsonEventData(new JsonObject()))
        {
            WorkflowId = workflowId,
        };

    [Fact]
    public async Task Subscriber_ReceivesOnlyWhatItsFilterAccepts_InOrder()
    {
        var hub = new ExecutionEventHub();
        using var mine = hub.Subscribe(e => e.ExecutionId == "a");
        using var workflow = hub.Subscribe(e => e.WorkflowId == "w2");

        await hub.PublishAsync([Event("a", 1), Event("b", 1, "w2"), Event("a", 2)], CancellationToken.None);

        Assert.True(mine.Reader.TryRead(out var first));
        Assert.True(mine.Reader.TryRead(out var second));
        Assert.False(mine.Reader.TryRead(out _));
        Assert.Equal([1L, 2L], [first!.Sequence, second!.Sequence]);
        Assert.True(workflow.Reader.TryRead(out var other));
        Assert.Equal("b", other!.ExecutionId);
    }

    [Fact]
    public async Task An_event_published_twice_reaches_a_subscriber_once_but_other_executions_are_not_confused()
    {
        // On PostgreSQL the engine and the relay of committed events can both publish the same event.
        var hub = new ExecutionEventHub();
        using var all = hub.Subscribe(_ => true);

        await hub.PublishAsync([Event("a", 1), Event("a", 2)], CancellationToken.None);
        await hub.PublishAsync([Event("a", 1), Event("a", 2), Event("b", 1), Event("a", 3)], CancellationToken.None);

        var received = new List<(string, long)>();
        while (all.Reader.TryRead(out var item))
        {
            received.Add((item.ExecutionId, item.Sequence));
        }

        Assert.Equal([("a", 1L), ("a", 2L), ("b", 1L), ("a", 3L)], received);
    }

    [Fact]
    public async Task SlowSubscriber_IsClosedAsOverflowed_AndOthersKeepReceiving()
    {
        var hub = new ExecutionEventHub();
        using var slow = hub.Subscribe(_ => true, capacity: 2);
        using var fast = hub.Subscribe(_ => true, capacity: 100);

        await hub.PublishAsync([.. Enumerable.Range(1, 5).Select(i => Event("a", i))], CancellationToken.None);

        Assert.True(slow.Overflowed);
        Assert.Equal(2, slow.Reader.Count);
        Assert.Equal(5, fast.Reader.Count);
        Assert.Equal(1, hub.SubscriberCount);
    }

    [Fact]
    public async Task Disposed_SubscriptionLeavesTheHub()
    {
        var hub = new ExecutionEventHub();
        var subscription = hub.Subscribe(_ => true);

        subscription.Dispose();
        await hub.PublishAsync([Event("a", 1)], CancellationToken.None);

        Assert.Equal(0, hub.SubscriberCount);
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }
}
