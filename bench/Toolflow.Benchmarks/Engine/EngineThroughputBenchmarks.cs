using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Toolflow.Core.Definitions;

namespace Toolflow.Benchmarks.Engine;

/// <summary>
/// Executions of no-op workflows, end to end, each engine in-memory, in the same run. Mean time per
/// operation is the time of one execution (executions/s = 1 s / mean); Allocated is per execution.
/// Run: dotnet run -c Release --project bench/Toolflow.Benchmarks -- --filter '*EngineThroughput*' --job short
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EngineThroughputBenchmarks
{
    private ToolflowRunner _toolflow = null!;
    private WorkflowCoreRunner _workflowCore = null!;
    private WorkflowDefinition _linear = null!;
    private WorkflowDefinition _fan = null!;
    private Microsoft.Agents.AI.Workflows.Workflow _agentLinear = null!;
    private Microsoft.Agents.AI.Workflows.Workflow _agentFan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _toolflow = new ToolflowRunner();
        _workflowCore = new WorkflowCoreRunner();
        _linear = BenchmarkGraphs.Linear("bench.noop");
        _fan = BenchmarkGraphs.FanOutFanIn("bench.noop");
        _agentLinear = AgentWorkflowsRunner.Linear();
        _agentFan = AgentWorkflowsRunner.FanOutFanIn();
    }

    [GlobalCleanup]
    public void Cleanup() => _workflowCore.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("Linear10")]
    public Task WorkflowCore_Linear10() => _workflowCore.RunAsync("linear");

    [Benchmark, BenchmarkCategory("Linear10")]
    public Task Toolflow_Linear10() => _toolflow.RunAsync(_linear);

    [Benchmark, BenchmarkCategory("Linear10")]
    public Task AgentWorkflows_Linear10() => AgentWorkflowsRunner.RunAsync(_agentLinear);

    [Benchmark(Baseline = true), BenchmarkCategory("FanOut1x8x1")]
    public Task WorkflowCore_FanOut1x8x1() => _workflowCore.RunAsync("fan");

    [Benchmark, BenchmarkCategory("FanOut1x8x1")]
    public Task Toolflow_FanOut1x8x1() => _toolflow.RunAsync(_fan);

    [Benchmark, BenchmarkCategory("FanOut1x8x1")]
    public Task AgentWorkflows_FanOut1x8x1() => AgentWorkflowsRunner.RunAsync(_agentFan);
}
