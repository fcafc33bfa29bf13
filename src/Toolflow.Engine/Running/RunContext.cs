using System.Text.Json.Nodes;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Engine.Graph;

namespace Toolflow.Engine.Running;

/// <summary>What every node of one run shares: the services and the execution's fixed facts.</summary>
internal sealed record RunContext(
    EngineServices Services,
    WorkflowGraph Graph,
    string ExecutionId,
    string? WorkflowId,
    JsonNode? Input,
    ExecutionFacts Facts)
{
    public ExpressionScope Scope(IReadOnlyDictionary<string, JsonNode?> outputs) => new()
    {
        Input = Input,
        Nodes = outputs,
        Execution = Facts,
    };
}

/// <summary>The engine's collaborators, handed to every run.</summary>
internal sealed record EngineServices(
    IExecutionStore Store,
    IToolRegistry Tools,
    ExpressionEvaluator Expressions,
    IEventPublisher Events,
    TimeProvider Time,
    EngineOptions Options,
    IToolInstanceResolver ToolInstances)
{
    public AttemptRunner Attempts { get; } = new(Time, Options);
}
