using Toolflow.Core.Execution.Durable;
using Toolflow.Engine.Durable;

namespace Toolflow.Engine.Tests.Durable;

/// <summary>The sweeper loop runs the execution housekeeping and the schedules as one: each once per sweep, "full" when either was.</summary>
public sealed class SweeperSetTests
{
    [Fact]
    public async Task RunsEverySweeperInOrder_AndAnswersTheLargestCount()
    {
        var calls = new List<string>();
        var set = new SweeperSet(new Counting("executions", 3, calls), new Counting("schedules", 10, calls));

        var touched = await set.SweepAsync(10, CancellationToken.None);

        Assert.Equal(["executions", "schedules"], calls);
        Assert.Equal(10, touched);
    }

    [Fact]
    public async Task AFailingSweeper_FailsTheSweep_SoTheLoopReportsIt()
    {
        var set = new SweeperSet(new Failing(), new Counting("schedules", 1, []));

        await Assert.ThrowsAsync<InvalidOperationException>(() => set.SweepAsync(10, CancellationToken.None));
    }

    private sealed class Counting(string name, int count, List<string> calls) : IExecutionSweeper
    {
        public Task<int> SweepAsync(int batchSize, CancellationToken cancellationToken)
        {
            calls.Add(name);
            return Task.FromResult(Math.Min(count, batchSize));
        }
    }

    private sealed class Failing : IExecutionSweeper
    {
        public Task<int> SweepAsync(int batchSize, CancellationToken cancellationToken) => throw new InvalidOperationException("database away");
    }
}
