using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Engine.Running;

/// <summary>Writing through the store, draining running nodes, and freezing outputs for readers.</summary>
internal sealed partial class ExecutionRun
{
    private async Task CommitAsync(ExecutionCommit commit, CancellationToken cancellationToken)
    {
        var events = await _services.Store.CommitAsync(commit, cancellationToken);
        if (events.Count > 0)
        {
            await _services.Events.PublishAsync(events, cancellationToken);
        }
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
