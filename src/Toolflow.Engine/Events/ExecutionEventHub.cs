using System.Collections.Concurrent;
using System.Threading.Channels;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Events;

/// <summary>
/// In-process fan-out of committed events to live subscribers (SSE streams, WebSockets). Each
/// subscriber has a bounded queue: one that falls behind is closed and marked overflowed — it
/// must reconnect and replay — so a slow client can never make the server buffer without bound.
/// </summary>
public sealed class ExecutionEventHub : IEventPublisher
{
    private readonly ConcurrentDictionary<EventSubscription, byte> subscriptions = new();

    public int SubscriberCount => subscriptions.Count;

    /// <summary>Subscribes to the events <paramref name="filter"/> accepts, from now on.</summary>
    public EventSubscription Subscribe(Func<ExecutionEvent, bool> filter, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new EventSubscription(filter, capacity, s => subscriptions.TryRemove(s, out _));
        subscriptions[subscription] = 0;
        return subscription;
    }

    public ValueTask PublishAsync(IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var subscription in subscriptions.Keys)
        {
            foreach (var item in events)
            {
                if (!subscription.Offer(item))
                {
                    break;
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>One subscriber's queue; dispose it to unsubscribe.</summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Func<ExecutionEvent, bool> filter;
    private readonly Channel<ExecutionEvent> channel;
    private readonly Action<EventSubscription> remove;
    private const int MaxRemembered = 10_000;
    private readonly Dictionary<string, long> lastQueued = new(StringComparer.OrdinalIgnoreCase);

    internal EventSubscription(Func<ExecutionEvent, bool> filter, int capacity, Action<EventSubscription> remove)
    {
        this.filter = filter;
        this.remove = remove;
        channel = Channel.CreateBounded<ExecutionEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<ExecutionEvent> Reader => channel.Reader;

    /// <summary>True when the subscriber fell behind and was closed; it should replay from its last sequence.</summary>
    public bool Overflowed => Volatile.Read(ref overflowed);

    private bool overflowed;

    private bool closed;

    public void Dispose()
    {
        lock (lastQueued)
        {
            closed = true;
        }

        channel.Writer.TryComplete();
        remove(this);
    }

    /// <summary>Queues the event if wanted and not already queued; false when the subscriber is gone or just overflowed.</summary>
    internal bool Offer(ExecutionEvent item)
    {
        if (!filter(item))
        {
            return true;
        }

        // One event can reach the hub twice on PostgreSQL: from the engine that committed it here and
        // from the relay of committed events. Per execution, a sequence already queued is dropped.
        lock (lastQueued)
        {
            if (lastQueued.TryGetValue(item.ExecutionId, out var last) && item.Sequence <= last)
            {
                return true;
            }

            if (channel.Writer.TryWrite(item))
            {
                // Bounded like the queue: a subscriber that watches a busy workflow for days forgets old executions.
                if (lastQueued.Count >= MaxRemembered && !lastQueued.ContainsKey(item.ExecutionId))
                {
                    lastQueued.Clear();
                }

                lastQueued[item.ExecutionId] = item.Sequence;
                return true;
            }
        }

        lock (lastQueued)
        {
            // The flag before the completion: a reader that drains the queue and finds it complete
            // must already see why (it closes the client with "too slow" rather than as if done).
            if (!closed)
            {
                closed = true;
                Volatile.Write(ref overflowed, true);
                channel.Writer.TryComplete();
            }
        }

        remove(this);
        return false;
    }
}
