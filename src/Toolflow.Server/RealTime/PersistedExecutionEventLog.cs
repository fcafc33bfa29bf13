using System.Runtime.CompilerServices;
using Toolflow.Core.Execution;
using Toolflow.Storage.ExecutionStore;

namespace Toolflow.Server.RealTime;

/// <summary>Replays from the execution_events table, in pages, so a reconnecting client misses nothing.</summary>
internal sealed class PersistedExecutionEventLog(ExecutionEventLog log) : IExecutionEventLog
{
    private const int PageSize = 500;

    public async IAsyncEnumerable<ExecutionEvent> ReadAsync(Guid executionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = afterSequence;
        while (true)
        {
            var page = await log.ReadAsync(executionId, after, limit: PageSize, cancellationToken: cancellationToken);
            foreach (var item in page)
            {
                yield return item;
                after = item.Sequence;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
