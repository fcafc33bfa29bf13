using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Toolflow.Benchmarks.Engine;

/// <summary>
/// WorkflowCore's host with its default in-memory persistence, queue and lock: one execution =
/// StartWorkflow + wait for its WorkflowCompleted life-cycle event.
/// </summary>
internal sealed class WorkflowCoreRunner : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IWorkflowHost _host;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pending = new();

    public WorkflowCoreRunner()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        _services = services.BuildServiceProvider();
        _host = _services.GetRequiredService<IWorkflowHost>();
        _host.RegisterWorkflow<LinearWorkflow>();
        _host.RegisterWorkflow<FanWorkflow>();
        _host.OnLifeCycleEvent += evt =>
        {
            if (evt is WorkflowCompleted && _pending.TryRemove(evt.WorkflowInstanceId, out var done))
            {
                done.TrySetResult();
            }
        };
        _host.Start();
    }

    public async Task RunAsync(string workflowId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The id is only known once StartWorkflow returns; register before the first step can end.
        var id = await _host.StartWorkflow(workflowId, 1, null!);
        _pending[id] = done;
        var instance = await _host.PersistenceStore.GetWorkflowInstance(id);
        if (instance.Status == WorkflowStatus.Complete && _pending.TryRemove(id, out var already))
        {
            already.TrySetResult();
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _host.Stop();
        _services.Dispose();
    }

    internal sealed class NoOp : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }

    internal sealed class LinearWorkflow : IWorkflow
    {
        public string Id => "linear";

        public int Version => 1;

        public void Build(IWorkflowBuilder<object> builder)
        {
            var step = builder.StartWith<NoOp>();
            for (var i = 1; i < 10; i++)
            {
                step = step.Then<NoOp>();
            }
        }
    }

    internal sealed class FanWorkflow : IWorkflow
    {
        public string Id => "fan";

        public int Version => 1;

        public void Build(IWorkflowBuilder<object> builder)
        {
            var parallel = builder.StartWith<NoOp>().Parallel();
            for (var i = 0; i < BenchmarkGraphs.FanWidth; i++)
            {
                parallel = parallel.Do(branch => branch.StartWith<NoOp>());
            }

            parallel.Join().Then<NoOp>();
        }
    }
}
