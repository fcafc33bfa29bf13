using System.Collections.Concurrent;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace Toolflow.QueueBench;

/// <summary>
/// Hangfire: each node is a job; the chain is expressed up front as continuations
/// (<c>ContinueJobWith</c>), node i+1 continuing node i. Fan-out: the 8 branches are continuations
/// of the first node. Fan-in: Hangfire (without the paid Pro batches) has no continuation of several
/// parents, so each branch decrements a counter and the one that reaches zero enqueues the last
/// node. The counter is in memory — not durable, which favours Hangfire. <c>workers</c> job servers,
/// each with as many worker threads as a Toolflow worker runs executions.
/// </summary>
internal static class HangfireRun
{
    public static async Task<RunResult> RunAsync(Target target, Shape shape, int workers, int executions, int concurrency, TimeSpan limit)
    {
        var database = await target.NewAsync("hangfire");
        JobStorage storage = target.IsPostgres
            ? PostgresStorage(database)
            : new SQLiteStorage(database, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(100) });
        var completion = new Completion(executions);
        var finished = false;
        HangfireNodes.Start(completion, new BackgroundJobClient(storage));
        var servers = Enumerable.Range(0, workers).Select(w => new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = concurrency, ServerName = $"bench-{w}-{Guid.NewGuid():N}" }, storage)).ToList();
        try
        {
            var client = new BackgroundJobClient(storage);
            await Creators.RunAsync(executions, _ =>
            {
                Create(client, shape, completion);
                return Task.CompletedTask;
            });
            finished = await Creators.WaitAsync(completion.All, limit);
        }
        finally
        {
            foreach (var server in servers)
            {
                server.SendStop();
            }

            foreach (var server in servers)
            {
                server.Dispose();
            }
        }

        var (elapsed, latencies) = completion.Measure();
        return new RunResult("Hangfire", target.Label, shape, workers, latencies.Length, elapsed, latencies)
        {
            Unfinished = finished ? 0 : executions - latencies.Length,
        };
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(100), PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static void Create(BackgroundJobClient client, Shape shape, Completion completion)
    {
        var execution = Guid.NewGuid();
        completion.Created(execution);
        var first = client.Enqueue(() => HangfireNodes.Step(execution, 0, shape.FanOut == 0 ? shape.Nodes - 1 : -1));
        if (shape.FanOut == 0)
        {
            var previous = first;
            for (var i = 1; i < shape.Nodes; i++)
            {
                var step = i;
                previous = client.ContinueJobWith(previous, () => HangfireNodes.Step(execution, step, shape.Nodes - 1));
            }

            return;
        }

        HangfireNodes.Expect(execution, shape.FanOut);
        for (var i = 1; i <= shape.FanOut; i++)
        {
            var branch = i;
            client.ContinueJobWith(first, () => HangfireNodes.Branch(execution, branch, shape.FanOut + 1));
        }
    }
}

/// <summary>The jobs Hangfire runs (public and static so Hangfire can serialise the calls).</summary>
public static class HangfireNodes
{
    private static readonly ConcurrentDictionary<Guid, int> Pending = new();
    private static Completion? _completion;
    private static BackgroundJobClient? _client;

    internal static void Start(Completion completion, BackgroundJobClient client)
    {
        _completion = completion;
        _client = client;
        Pending.Clear();
    }

    internal static void Expect(Guid execution, int branches) => Pending[execution] = branches;

    /// <summary>One node; the last one (<paramref name="last"/>) marks the execution done.</summary>
    public static void Step(Guid execution, int step, int last)
    {
        NodeWork.Run(step);
        if (step == last)
        {
            _completion!.Done(execution);
        }
    }

    /// <summary>A fan-out branch; the last branch to finish enqueues the joining node.</summary>
    public static void Branch(Guid execution, int step, int join)
    {
        NodeWork.Run(step);
        if (Pending.AddOrUpdate(execution, 0, (_, left) => left - 1) == 0)
        {
            _client!.Enqueue(() => Step(execution, join, join));
        }
    }
}
