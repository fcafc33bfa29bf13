namespace Toolflow.QueueBench;

/// <summary>Creates executions from a few concurrent callers while the workers already run, as an API would.</summary>
internal static class Creators
{
    public const int Concurrency = 4;

    public static Task RunAsync(int count, Func<int, Task> create)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await create(i);
            }
        })));
    }

    /// <summary>Waits for <paramref name="done"/> or, for a peer too slow to finish, at most <paramref name="limit"/>: false then.</summary>
    public static async Task<bool> WaitAsync(Task done, TimeSpan limit)
    {
        if (await Task.WhenAny(done, Task.Delay(limit)) != done)
        {
            return false;
        }

        await done;
        return true;
    }
}
