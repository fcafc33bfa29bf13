using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>Writing through the store, draining running nodes, and freezing outputs for readers.</summary>
internal sealed partial class ExecutionRun
{
    /// <summary>
    /// Adds <paramref name="commit"/> to what the next write carries. A second status change first
    /// writes what is pending, so each write is one legal transition.
    /// </summary>
    private async Task StageAsync(ExecutionCommit commit, CancellationToken cancellationToken)
    {
        if (_pending.ConflictsWith(commit))
        {
            await FlushAsync(cancellationToken);
        }

        _pending.Add(commit);
    }

    /// <summary>
    /// Writes what is pending in one commit, publishes its events, then launches the nodes whose
    /// starts it carried. If the write fails those nodes never run and are no longer counted.
    /// </summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        IReadOnlyList<ExecutionEvent> events;
        try
        {
            events = await _services.Store.CommitAsync(_pending.Take(ExecutionId), cancellationToken);
        }
        catch
        {
            DiscardLaunches();
            throw;
        }

        if (events.Count > 0)
        {
            await _services.Events.PublishAsync(events, cancellationToken);
        }

        foreach (var start in _launches)
        {
            _ = RunNodeAsync(start);
        }

        _launches.Clear();
    }

    /// <summary>
    /// Writes what is pending, then <paramref name="commit"/> on its own (a compare-and-set is never
    /// merged, so the results before it stand whatever it meets). False when its fence met a state a
    /// user's control changed meanwhile (not a final one): the caller goes on as if it had not asked.
    /// </summary>
    private async Task<bool> CommitNowAsync(ExecutionCommit commit, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        IReadOnlyList<ExecutionEvent> events;
        try
        {
            events = await _services.Store.CommitAsync(commit, cancellationToken);
        }
        catch (ExecutionStateConflictException e) when (!ExecutionStatusRules.IsFinal(e.Actual))
        {
            return false;
        }

        if (events.Count > 0)
        {
            await _services.Events.PublishAsync(events, cancellationToken);
        }

        return true;
    }

    /// <summary>Forgets what was not written: staged starts are not running and will never report.</summary>
    private void DiscardLaunches()
    {
        _pending.Clear();
        foreach (var start in _launches)
        {
            _state.Running.Remove(start.Index);
        }

        _launches.Clear();
    }

    /// <summary>Waits until no node runs; with <paramref name="handle"/> their results are committed.</summary>
    private async Task DrainAsync(bool handle, CancellationToken cancellationToken)
    {
        while (_state.Running.Count > 0)
        {
            var message = await _messages.Reader.ReadAsync(CancellationToken.None);
            if (message is not NodeCompletion completion)
            {
                continue;
            }

            if (handle)
            {
                await HandleAsync(completion, cancellationToken);
            }
            else
            {
                _state.Running.Remove(completion.Index);
            }
        }
    }

    // Forces lazily-parsed JSON to materialise now, on the loop, so nodes running in parallel only ever read it.
    private static JsonNode? Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }

        return node;
    }
}
