using Toolflow.Core.Execution.Durable;

namespace Toolflow.Engine.Durable;

/// <summary>
/// Several sweepers as one (the execution housekeeping and the schedule triggers), run one after
/// the other. It answers the largest count of any one of them, so <see cref="SweeperLoop"/> goes
/// on at once exactly when one of them came back with a full batch.
/// </summary>
public sealed class SweeperSet(params IExecutionSweeper[] sweepers) : IExecutionSweeper
{
    public async Task<int> SweepAsync(int batchSize, CancellationToken cancellationToken)
    {
        var most = 0;
        foreach (var sweeper in sweepers)
        {
            most = Math.Max(most, await sweeper.SweepAsync(batchSize, cancellationToken));
        }

        return most;
    }
}
