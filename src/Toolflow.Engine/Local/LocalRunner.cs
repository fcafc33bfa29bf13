using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine.Storage;

namespace Toolflow.Engine.Local;

/// <summary>
/// Runs one definition in-process to its end with an in-memory store: the engine behind
/// <c>toolflow run</c>. A waiting execution is run again at its wake-up time (the thread sleeps
/// here, because there is no worker to hand it to); an interrupted run ends cancelled.
/// </summary>
public sealed class LocalRunner
{
    private readonly TimeProvider _time;

    /// <param name="tools">Builds the tools from the expression evaluator the engine will use.</param>
    /// <param name="time">The clock; the system clock by default.</param>
    /// <param name="options">Engine options; defaults otherwise.</param>
    public LocalRunner(Func<ExpressionEvaluator, IToolRegistry> tools, TimeProvider? time = null, EngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _time = time ?? TimeProvider.System;
        var expressions = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions));
        Store = new InMemoryExecutionStore();
        Engine = new WorkflowEngine(Store, tools(expressions), expressions, _time, options: options);
    }

    public InMemoryExecutionStore Store { get; }

    public WorkflowEngine Engine { get; }

    public async Task<ExecutionSnapshot> RunAsync(WorkflowDefinition definition, JsonNode? input, CancellationToken cancellationToken)
    {
        var id = await Engine.StartAsync(definition, input, cancellationToken: cancellationToken);
        try
        {
            while (true)
            {
                var result = await Engine.RunAsync(id, cancellationToken);
                if (result.Status != ExecutionStatus.Waiting || result.WakeAt is not { } wake)
                {
                    break;
                }

                var delay = wake - _time.GetUtcNow();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted (Ctrl+C): record the cancel, then let one last pass end it cancelled.
            await Engine.CancelAsync(id, CancellationToken.None);
            var snapshot = await Store.LoadAsync(id, CancellationToken.None);
            if (snapshot is { Status: ExecutionStatus.Running or ExecutionStatus.Pausing })
            {
                await Engine.RunAsync(id, CancellationToken.None);
            }
        }

        return (await Store.LoadAsync(id, CancellationToken.None))!;
    }
}
