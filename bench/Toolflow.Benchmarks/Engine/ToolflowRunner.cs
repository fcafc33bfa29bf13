using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine;
using Toolflow.Engine.Storage;

namespace Toolflow.Benchmarks.Engine;

/// <summary>Our engine, in-memory store, no event subscribers: one execution = create + run to the end.</summary>
internal sealed class ToolflowRunner
{
    private readonly InMemoryExecutionStore _store = new() { KeepEvents = false };
    private readonly WorkflowEngine _engine;

    public ToolflowRunner()
    {
        var expressions = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions));
        _engine = new WorkflowEngine(_store, new ToolRegistry([new NoOpTool()]), expressions);
    }

    public async Task RunAsync(WorkflowDefinition definition)
    {
        var id = await _engine.StartAsync(definition, null);
        var result = await _engine.RunAsync(id);
        if (result.Status != ExecutionStatus.Completed)
        {
            throw new InvalidOperationException($"run ended {result.Status}");
        }

        _store.Forget(id);
    }

    private sealed class NoOpTool : ITool
    {
        public string Name => "bench.noop";

        public ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ToolOutcome>(ToolOutcome.Completed(null));
    }
}
