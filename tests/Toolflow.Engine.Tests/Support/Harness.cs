using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Engine.Storage;
using Toolflow.Tools.BuiltIn;

namespace Toolflow.Engine.Tests.Support;

/// <summary>An engine on a fake clock and an in-memory store, with the built-in and test tools.</summary>
public sealed class Harness
{
    public Harness(EngineOptions? options = null, IExecutionStore? store = null)
    {
        Memory = new InMemoryExecutionStore();
        Store = store ?? Memory;
        Expressions = new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions));
        Block = new BlockTool(Log);
        Tools = BuiltInTools.Create(Expressions).With(new EchoTool(Log)).With(new FlakyTool(Log)).With(Block);
        Options = (options ?? new EngineOptions()) with { Jitter = () => 1.0 };
        Engine = NewEngine();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));

    public InvocationLog Log { get; } = new();

    public BlockTool Block { get; }

    public InMemoryExecutionStore Memory { get; }

    public IExecutionStore Store { get; }

    public ExpressionEvaluator Expressions { get; }

    public ToolRegistry Tools { get; }

    public EngineOptions Options { get; }

    public WorkflowEngine Engine { get; }

    /// <summary>A fresh engine on the same store: what another worker would be after a crash.</summary>
    public WorkflowEngine NewEngine(IExecutionStore? store = null) => new(store ?? Store, Tools, Expressions, Time, options: Options);

    public static WorkflowDefinition Definition(string json) =>
        JsonSerializer.Deserialize(json, DefinitionJsonContext.Default.WorkflowDefinition)!;

    public Task<string> StartAsync(string json, string? input = null) =>
        Engine.StartAsync(Definition(json), input is null ? new JsonObject() : JsonNode.Parse(input));

    /// <summary>Starts and runs to the first stop (end, pause or wait).</summary>
    public async Task<(string Id, RunResult Result)> RunAsync(string json, string? input = null)
    {
        var id = await StartAsync(json, input);
        var result = await Engine.RunAsync(id);
        return (id, result);
    }

    public async Task<ExecutionSnapshot> SnapshotAsync(string id) => (await Store.LoadAsync(id, default))!;

    public async Task<NodeResult> NodeAsync(string id, string nodeId) => (await SnapshotAsync(id)).Nodes[nodeId];

    /// <summary>Moves the fake clock in steps until <paramref name="task"/> ends (timers are created asynchronously).</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            Time.Advance(step);
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Waits (on real time, without blocking a thread) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition, int timeoutMs = 20_000)
    {
        var waited = 0;
        while (!condition())
        {
            if (waited > timeoutMs)
            {
                throw new TimeoutException("condition not met in time");
            }

            await Task.Delay(2);
            waited += 2;
        }
    }
}
