using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;

namespace Toolflow.Engine.Running;

/// <summary>Runs one node: finds its tool, resolves its config, then runs it once or per forEach item.</summary>
internal sealed class NodeExecutor(RunContext run)
{
    private static readonly JsonObject EmptyConfig = [];

    private EngineServices Services => run.Services;

    public async ValueTask<NodeCompletion> RunAsync(NodeStart start, CancellationToken cancellationToken)
    {
        var node = run.Graph.Nodes[start.Index];
        var startedAt = Services.Time.GetUtcNow();
        try
        {
            var tool = ResolveTool(node, out var missing);
            if (tool is null)
            {
                return new(start.Index, missing, 0, startedAt);
            }

            var scope = run.Scope(start.Outputs);
            if (!string.IsNullOrWhiteSpace(node.ForEach))
            {
                return await new ForEachRunner(run, this).RunAsync(start, tool, scope, startedAt, cancellationToken);
            }

            var config = ResolveConfig(start.Index, tool, scope);
            var (outcome, attempts) = await Services.Attempts.RunAsync(tool, node, attempt => Invocation(start, tool, config, scope, null, attempt), cancellationToken);
            return new(start.Index, outcome, attempts, startedAt) { ConsumedSignal = start.SignalReceived ? node.Id : null };
        }
        catch (ExpressionEvaluationException ex)
        {
            return new(start.Index, ToolOutcome.Failed(new ToolFailure(ToolFailureCodes.Expression, ex.Message)), 1, startedAt);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new(start.Index, null, 0, startedAt) { Cancelled = true };
        }
        catch (StoreFailureException ex)
        {
            return new(start.Index, null, 0, startedAt) { Fatal = ex.InnerException };
        }
    }

    internal JsonObject ResolveConfig(int index, ITool tool, ExpressionScope scope)
    {
        var node = run.Graph.Nodes[index];
        var config = node.Config ?? EmptyConfig;
        return run.Graph.ConfigHasExpressions[index]
            ? Services.Expressions.ResolveConfig(config, scope, node.Id, tool.RawConfigProperties)
            : config;
    }

    internal ToolInvocation Invocation(NodeStart start, ITool tool, JsonObject config, ExpressionScope scope, int? item, int attempt)
    {
        var node = run.Graph.Nodes[start.Index];
        return new ToolInvocation
        {
            ExecutionId = run.ExecutionId,
            WorkflowId = run.WorkflowId,
            NodeId = node.Id,
            ItemIndex = item,
            Attempt = attempt,
            Config = config,
            Scope = scope,
            ActiveParents = start.ActiveParents,
            Credential = node.Credential,
            IdempotencyKey = $"{run.ExecutionId}:{node.Id}:{item ?? 0}",
            Resumed = start.Resumed,
            Signal = start.Signal,
            SignalReceived = start.SignalReceived,
            Time = Services.Time,
        };
    }

    private ITool? ResolveTool(NodeDefinition node, out ToolOutcome missing)
    {
        missing = ToolOutcome.Completed(null);
        if (node.Tool is null && node.ToolInstanceId is null)
        {
            missing = ToolOutcome.Failed(ToolFailureCodes.UnknownTool, $"node '{node.Id}' names no tool");
            return null;
        }

        if (node.Tool is null)
        {
            missing = ToolOutcome.Failed(ToolFailureCodes.ToolInstanceUnavailable,
                $"node '{node.Id}' names tool instance '{node.ToolInstanceId}', and tool instances cannot be resolved here");
            return null;
        }

        var tool = Services.Tools.Find(node.Tool);
        if (tool is null)
        {
            missing = ToolOutcome.Failed(ToolFailureCodes.UnknownTool, $"tool '{node.Tool}' of node '{node.Id}' is unknown or not implemented");
        }

        return tool;
    }
}

/// <summary>What the loop hands a node when starting it.</summary>
internal sealed record NodeStart(int Index, ImmutableDictionary<string, JsonNode?> Outputs, IReadOnlyList<string> ActiveParents)
{
    public WaitState? Resumed { get; init; }
    public JsonNode? Signal { get; init; }
    public bool SignalReceived { get; init; }
    public required IReadOnlyDictionary<int, ItemResult> DoneItems { get; init; }
}

/// <summary>Wraps a store failure met inside a node's work so the loop can stop the run.</summary>
internal sealed class StoreFailureException(Exception inner) : Exception(inner.Message, inner);
