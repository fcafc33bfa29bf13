using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.Postgresql;

namespace Toolflow.QueueBench;

/// <summary>
/// Wolverine on PostgreSQL: durable local queues (every message in the inbox table before it is
/// handled), each node a handler that cascades the next message(s) by returning them. Fan-in: each
/// branch decrements an in-memory counter and the last one cascades the joining node (not durable,
/// which favours Wolverine). One host whose local queues run <c>workers × concurrency</c> messages
/// at once (a Wolverine node is a process; several hosts in one process would share nothing more).
/// </summary>
internal static class WolverineRun
{
    public static async Task<RunResult> RunAsync(Target target, Shape shape, int workers, int executions, int concurrency, TimeSpan limit)
    {
        var database = await target.NewAsync("wolverine");
        var completion = new Completion(executions);
        var finished = false;
        WolverineNodes.Start(completion, shape);
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseWolverine(options =>
            {
                options.PersistMessagesWithPostgresql(database);
                options.Policies.UseDurableLocalQueues();
                options.Policies.AllLocalQueues(queue => queue.MaximumParallelMessages(workers * concurrency));
                options.Discovery.DisableConventionalDiscovery().IncludeType(typeof(WolverineNodes));
                options.Durability.Mode = DurabilityMode.Solo;
                options.UseRuntimeCompilation();
            })
            .Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IMessageBus>();
            await Creators.RunAsync(executions, async _ =>
            {
                var execution = Guid.NewGuid();
                completion.Created(execution);
                await bus.PublishAsync(new NodeMessage(execution, 0));
            });
            finished = await Creators.WaitAsync(completion.All, limit);
        }
        finally
        {
            await host.StopAsync();
        }

        var (elapsed, latencies) = completion.Measure();
        return new RunResult("Wolverine", target.Label, shape, workers, latencies.Length, elapsed, latencies)
        {
            Unfinished = finished ? 0 : executions - latencies.Length,
        };
    }
}

/// <summary>One node of one execution.</summary>
public sealed record NodeMessage(Guid Execution, int Step);

/// <summary>The handler: do the node's work, cascade what comes next.</summary>
public static class WolverineNodes
{
    private static readonly ConcurrentDictionary<Guid, int> Pending = new();
    private static Completion? _completion;
    private static Shape? _shape;

    internal static void Start(Completion completion, Shape shape)
    {
        _completion = completion;
        _shape = shape;
        Pending.Clear();
    }

    public static OutgoingMessages Handle(NodeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        NodeWork.Run(message.Step);
        var shape = _shape!;
        var next = new OutgoingMessages();
        var last = shape.Nodes - 1;
        if (message.Step == last)
        {
            _completion!.Done(message.Execution);
        }
        else if (shape.FanOut == 0)
        {
            next.Add(new NodeMessage(message.Execution, message.Step + 1));
        }
        else if (message.Step == 0)
        {
            Pending[message.Execution] = shape.FanOut;
            next.AddRange(Enumerable.Range(1, shape.FanOut).Select(i => new NodeMessage(message.Execution, i)));
        }
        else if (Pending.AddOrUpdate(message.Execution, 0, (_, left) => left - 1) == 0)
        {
            next.Add(new NodeMessage(message.Execution, last));
        }

        return next;
    }
}
