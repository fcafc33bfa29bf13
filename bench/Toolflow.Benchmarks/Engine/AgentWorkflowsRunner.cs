using Microsoft.Agents.AI.Workflows;

namespace Toolflow.Benchmarks.Engine;

/// <summary>Microsoft.Agents.AI.Workflows, in-process execution of function executors that pass an int on.</summary>
internal sealed class AgentWorkflowsRunner
{
    public static Workflow Linear()
    {
        Func<int, int> noop = x => x;
        var steps = Enumerable.Range(0, 10).Select(i => noop.BindAsExecutor($"s{i}")).ToArray();
        var builder = new WorkflowBuilder(steps[0]);
        for (var i = 0; i < steps.Length - 1; i++)
        {
            builder.AddEdge(steps[i], steps[i + 1]);
        }

        return builder.WithOutputFrom(steps[^1]).Build();
    }

    public static Workflow FanOutFanIn()
    {
        Func<int, int> noop = x => x;
        var start = noop.BindAsExecutor("start");
        var middle = Enumerable.Range(0, BenchmarkGraphs.FanWidth).Select(i => noop.BindAsExecutor($"m{i}")).ToArray();
        var end = noop.BindAsExecutor("end");
        var builder = new WorkflowBuilder(start);
        builder.AddFanOutEdge(start, middle);
        builder.AddFanInBarrierEdge(middle, end);
        return builder.WithOutputFrom(end).Build();
    }

    public static async Task RunAsync(Workflow workflow)
    {
        await using var run = await InProcessExecution.RunAsync(workflow, 1);
        var status = await run.GetStatusAsync();
        if (status != RunStatus.Ended && status != RunStatus.Idle)
        {
            throw new InvalidOperationException($"run ended {status}");
        }
    }
}
