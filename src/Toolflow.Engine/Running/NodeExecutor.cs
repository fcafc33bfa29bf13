using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;
using Toolflow.Engine.Graph;
using Toolflow.Engine.Telemetry;

namespace Toolflow.Engine.Running;

/// <summary>Runs one node: finds its tool, resolves its config, then runs it once or per forEach item.</summary>
internal sealed class NodeExecutor(RunContext run)
{
    private static readonly JsonObject EmptyConfig = [];

    private EngineServices Services => run.Services;

    public async ValueTask<NodeCompletion> RunAsync(NodeStart start, CancellationToken cancellationToken)
    {
        var node = run.Graph.Nodes[start.Index];
        using var span = EngineTelemetry.Source.StartActivity("toolflow.node");
        span?.SetTag("toolflow.execution.id", run.ExecutionId);
        span?.SetTag("toolflow.node.id", node.Id);
        span?.SetTag("toolflow.tool", node.Tool ?? "instance");
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var completion = await RunNodeAsync(start, cancellationToken);
        var outcome = completion switch
        {
            { Cancelled: true } => "cancelled",
            { Fatal: not null } => "crashed",
            { Outcome: FailedOutcome } => "failed",
            { Outcome: WaitingOutcome } => "waiting",
            _ => "completed",
        };
        span?.SetTag("toolflow.node.status", outcome);
        span?.SetTag("toolflow.node.attempts", completion.Attempts);
        if (completion.Outcome is FailedOutcome failed)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failed.Failure.Code);
        }

        EngineTelemetry.NodeDuration.Record(
            timer.Elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>("tool", node.Tool ?? "instance"), new KeyValuePair<string, object?>("status", outcome));
        return completion;
    }

    private async ValueTask<NodeCompletion> RunNodeAsync(NodeStart start, CancellationToken cancellationToken)
    {
        var node = run.Graph.Nodes[start.Index];
        var startedAt = Services.Time.GetUtcNow();

        // The attempt under way, so that a node cancelled mid-attempt reports it (not 0, "never tried").
        var attempt = 0;
        try
        {
            var (target, missing) = await ResolveTargetAsync(start.Index, cancellationToken);
            if (target is null)
            {
                return new(start.Index, missing, 0, startedAt);
            }

            var scope = run.Scope(start.Outputs);
            if (!string.IsNullOrWhiteSpace(node.ForEach))
            {
                return await new ForEachRunner(run, this).RunAsync(start, target, scope, startedAt, cancellationToken);
            }

            var config = ResolveConfig(node, target, scope);
            var (outcome, attempts) = await Services.Attempts.RunAsync(target.Tool, node, a =>
            {
                attempt = a;
                return Invocation(start, target, config, scope, null, a);
            }, cancellationToken);
            return new(start.Index, outcome, attempts, startedAt) { ConsumedSignal = start.SignalReceived ? node.Id : null };
        }
        catch (ExpressionEvaluationException ex)
        {
            return new(start.Index, ToolOutcome.Failed(new ToolFailure(ToolFailureCodes.Expression, ex.Message)), 1, startedAt);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new(start.Index, null, attempt, startedAt) { Cancelled = true };
        }
        catch (StoreFailureException ex)
        {
            return new(start.Index, null, 0, startedAt) { Fatal = ex.InnerException };
        }
    }

    internal JsonObject ResolveConfig(NodeDefinition node, NodeTarget target, ExpressionScope scope) =>
        target.ConfigHasExpressions
            ? Services.Expressions.ResolveConfig(target.Config, scope, node.Id, target.Tool.RawConfigProperties)
            : target.Config;

    internal ToolInvocation Invocation(NodeStart start, NodeTarget target, JsonObject config, ExpressionScope scope, int? item, int attempt)
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
            Credential = target.Credential,
            IdempotencyKey = $"{run.ExecutionId}:{node.Id}:{item ?? 0}",
            Resumed = start.Resumed,
            Signal = start.Signal,
            SignalReceived = start.SignalReceived,
            Time = Services.Time,
        };
    }

    private async ValueTask<(NodeTarget? Target, ToolOutcome Missing)> ResolveTargetAsync(int index, CancellationToken cancellationToken)
    {
        var node = run.Graph.Nodes[index];
        if (node.ToolInstanceId is { Length: > 0 } instanceId)
        {
            return await ResolveInstanceAsync(node, instanceId, cancellationToken);
        }

        if (node.Tool is null)
        {
            return (null, ToolOutcome.Failed(ToolFailureCodes.UnknownTool, $"node '{node.Id}' names no tool"));
        }

        var tool = Services.Tools.Find(node.Tool);
        return tool is null
            ? (null, ToolOutcome.Failed(ToolFailureCodes.UnknownTool, $"tool '{node.Tool}' of node '{node.Id}' is unknown or not implemented"))
            : (new NodeTarget(tool, node.Config ?? EmptyConfig, run.Graph.ConfigHasExpressions[index], node.Credential), ToolOutcome.Completed(null));
    }

    private async ValueTask<(NodeTarget? Target, ToolOutcome Missing)> ResolveInstanceAsync(NodeDefinition node, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await Services.ToolInstances.ResolveAsync(instanceId, new CredentialContext(run.ExecutionId, run.WorkflowId), cancellationToken);
        if (instance is null)
        {
            return (null, ToolOutcome.Failed(ToolFailureCodes.ToolInstanceUnavailable,
                $"tool instance '{instanceId}' of node '{node.Id}' does not exist or is not available to this workflow"));
        }

        if (node.Tool is { } named && !string.Equals(named, instance.Tool, StringComparison.Ordinal))
        {
            return (null, ToolOutcome.Failed(ToolFailureCodes.ToolInstanceUnavailable,
                $"node '{node.Id}' names tool '{named}' but its tool instance configures '{instance.Tool}'"));
        }

        var tool = Services.Tools.Find(instance.Tool);
        if (tool is null)
        {
            return (null, ToolOutcome.Failed(ToolFailureCodes.UnknownTool, $"tool '{instance.Tool}' of tool instance '{instanceId}' is unknown or not implemented"));
        }

        var config = ConfigMerge.Over(instance.Config, node.Config);
        return (new NodeTarget(tool, config, WorkflowGraph.ContainsTemplate(config), node.Credential ?? instance.Credential), ToolOutcome.Completed(null));
    }
}

/// <summary>What a node runs: its tool, its config before expressions (instance config merged under the node's) and its credential.</summary>
internal sealed record NodeTarget(ITool Tool, JsonObject Config, bool ConfigHasExpressions, string? Credential);

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
