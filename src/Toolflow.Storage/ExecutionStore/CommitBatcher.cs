using System.Collections.Concurrent;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// Group commit on PostgreSQL: the step commits of this process's executions that arrive while one
/// is on the wire go together in the next batch — one round trip and one implicit transaction (one
/// WAL flush) for all of them, instead of one each. Nothing waits for company: a commit that finds
/// a free lane goes at once, alone. Each statement keeps its own fence (lease token, statuses), so
/// a fence that fails matches nothing and is reported to its own caller only. A statement the server
/// refuses rolls the whole batch back; the batch is then run again statement by statement, so each
/// caller gets its own outcome and no other's error. A broken connection fails every caller of the
/// batch, as it would have failed each alone (whether it committed is unknown: nothing is re-run).
/// Step commits only: a run's end updates its workflow's counter row, and two batches ending runs of
/// two workflows in opposite orders could deadlock on those rows.
/// </summary>
internal sealed class CommitBatcher(SqlSession sql, int lanes = 2, int maxBatch = 32)
{
    private readonly ConcurrentQueue<Pending> _line = new();

    /// <summary>Batches on the wire at once, at most <c>lanes</c>: a single one would leave a second core of the database idle.</summary>
    private int _draining;

    public Task<CommitWritten?> RunAsync(CommitStatement statement, CancellationToken cancellationToken)
    {
        var pending = new Pending(statement, new(TaskCreationOptions.RunContinuationsAsynchronously));
        _line.Enqueue(pending);
        if (TryOpenLane())
        {
            _ = DrainAsync();
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            while (batch.Count < maxBatch && _line.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                Interlocked.Decrement(ref _draining);
                // A commit queued after the last dequeue but before the lane closed may have found every lane busy: take it.
                if (_line.IsEmpty || !TryOpenLane())
                {
                    return;
                }

                continue;
            }

            await RunAsync(batch);
        }
    }

    private bool TryOpenLane()
    {
        while (true)
        {
            var open = Volatile.Read(ref _draining);
            if (open >= lanes)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _draining, open + 1, open) == open)
            {
                return true;
            }
        }
    }

    private async Task RunAsync(List<Pending> batch)
    {
        if (batch.Count > 1)
        {
            try
            {
                var commands = batch.Select(p => p.Statement.PostgresCommand(null, alone: true)).ToList();
                var results = await sql.ReadAsync(db => db.BatchEachAsync(CommitStatement.ReadPostgres, commands), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(CommitStatement.Matched(results[i]));
                }

                return;
            }
            catch (Exception e) when (RolledBack(e))
            {
                // Rolled back as a whole: each statement again on its own, so each caller gets its own outcome.
            }
            catch (Exception e)
            {
                // The connection failed: whether the batch committed is unknown, so nothing is run again
                // (a step applied twice would number its events twice); each caller fails as it would alone.
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }

                return;
            }
        }

        foreach (var pending in batch)
        {
            try
            {
                pending.Done.TrySetResult(await sql.ReadAsync(db => pending.Statement.RunAsync(db, null, alone: true), CancellationToken.None));
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
            }
        }
    }

    /// <summary>The server refused a statement: its implicit transaction, the whole batch, was rolled back.</summary>
    private static bool RolledBack(Exception e) => e is Npgsql.PostgresException || e.InnerException is Npgsql.PostgresException;

    private sealed record Pending(CommitStatement Statement, TaskCompletionSource<CommitWritten?> Done);
}
