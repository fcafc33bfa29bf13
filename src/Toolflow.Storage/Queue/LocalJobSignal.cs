namespace Toolflow.Storage.Queue;

/// <summary>
/// Wakes this process's idle workers when this process has just committed a job. PostgreSQL has
/// LISTEN/NOTIFY for that across processes; SQLite (one process by design) has nothing, and an idle
/// worker would otherwise sleep its whole poll interval before claiming — a webhook answered
/// synchronously would wait for it. Process-wide on purpose: the enqueuing code (repositories,
/// the engine's commit) knows nothing of the workers, and a spurious wake costs one empty claim.
/// </summary>
public static class LocalJobSignal
{
    private static readonly SemaphoreSlim Signal = new(0, 1);

    /// <summary>Call after the transaction that inserted a job has committed.</summary>
    public static void Raise()
    {
        if (Signal.CurrentCount == 0)
        {
            try
            {
                Signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Someone else raised it first: one wake-up is enough.
            }
        }
    }

    /// <summary>Returns when raised, or after <paramref name="timeout"/>.</summary>
    public static Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => Signal.WaitAsync(timeout, cancellationToken);
}
