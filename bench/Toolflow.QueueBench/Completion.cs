using System.Collections.Concurrent;
using System.Diagnostics;

namespace Toolflow.QueueBench;

/// <summary>
/// For the peers, which have no execution row: when each execution was created (its first job
/// enqueued) and when its last node finished, on one monotonic clock, in process.
/// </summary>
public sealed class Completion(int expected)
{
    private readonly ConcurrentDictionary<Guid, long> _created = new();
    private readonly ConcurrentDictionary<Guid, long> _done = new();
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Created(Guid execution) => _created[execution] = Stopwatch.GetTimestamp();

    public void Done(Guid execution)
    {
        if (_done.TryAdd(execution, Stopwatch.GetTimestamp()) && _done.Count >= expected)
        {
            _all.TrySetResult();
        }
    }

    public Task All => _all.Task;

    internal (TimeSpan Elapsed, double[] LatenciesMs) Measure()
    {
        var first = _created.Values.Min();
        var last = _done.IsEmpty ? Stopwatch.GetTimestamp() : _done.Values.Max();
        var latencies = _done.ToArray().Select(d => Stopwatch.GetElapsedTime(_created[d.Key], d.Value).TotalMilliseconds).ToArray();
        return (Stopwatch.GetElapsedTime(first, last), latencies);
    }
}
