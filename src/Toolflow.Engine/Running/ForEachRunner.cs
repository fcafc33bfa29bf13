using System.Text.Json.Nodes;
using Toolflow.Core.Execution;
using Toolflow.Core.Expressions;

namespace Toolflow.Engine.Running;

/// <summary>
/// Runs a forEach node: one run per item, at most <c>concurrency</c> at a time, each item's result
/// committed as it ends (so a resumed run skips it), the output being the item outputs in order.
/// The first item that fails for good fails the node and cancels the other items.
/// </summary>
internal sealed class ForEachRunner(RunContext run, NodeExecutor executor)
{
    public async Task<NodeCompletion> RunAsync(NodeStart start, NodeTarget target, ExpressionScope scope, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var node = run.Graph.Nodes[start.Index];
        var forEach = node.ForEach!;
        var template = ExpressionTemplate.ContainsExpression(forEach) ? forEach : "{{ " + forEach + " }}";
        if (run.Services.Expressions.Evaluate(template, scope, node.Id, "/forEach") is not JsonArray items)
        {
            return new(start.Index, ToolOutcome.Failed(ToolFailureCodes.ForEachNotArray, $"forEach of node '{node.Id}' did not yield an array"), 1, startedAt);
        }

        var outputs = new JsonNode?[items.Count];
        var attempts = new int[items.Count];
        var pending = new Queue<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (start.DoneItems.TryGetValue(i, out var done))
            {
                outputs[i] = done.Output;
                attempts[i] = done.Attempts;
            }
            else
            {
                pending.Enqueue(i);
            }
        }

        using var itemsCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        FailedOutcome? failure = null;
        var failedAttempts = 0;
        async Task Worker()
        {
            while (true)
            {
                int index;
                lock (pending)
                {
                    if (failure is not null || !pending.TryDequeue(out index))
                    {
                        return;
                    }
                }

                var itemScope = scope with { Item = items[index], Index = index };
                ToolOutcome outcome;
                int tries;
                try
                {
                    var config = executor.ResolveConfig(node, target, itemScope);
                    (outcome, tries) = await run.Services.Attempts.RunAsync(target.Tool, node, a => executor.Invocation(start, target, config, itemScope, index, a), itemsCts.Token);
                }
                catch (ExpressionEvaluationException ex)
                {
                    (outcome, tries) = (ToolOutcome.Failed(ToolFailureCodes.Expression, ex.Message), 1);
                }

                var itemFailure = outcome switch
                {
                    FailedOutcome f => f,
                    WaitingOutcome => ToolOutcome.Failed(ToolFailureCodes.WaitInForEach, $"node '{node.Id}': {target.Tool.Name} cannot wait inside forEach"),
                    _ => null,
                };
                if (itemFailure is not null)
                {
                    lock (pending)
                    {
                        failure ??= itemFailure;
                        failedAttempts = tries;
                    }

                    await itemsCts.CancelAsync();
                    return;
                }

                var output = ((CompletedOutcome)outcome).Output;
                outputs[index] = output;
                attempts[index] = tries;
                await CommitItem(node.Id, new ItemResult(index, output, tries), cancellationToken);
            }
        }

        var concurrency = Math.Clamp(node.Concurrency ?? 1, 1, Math.Max(1, pending.Count));
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker, CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
        {
            // The other items were cancelled because one failed; the failure is what counts.
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (failure is not null)
        {
            return new(start.Index, failure, failedAttempts, startedAt);
        }

        var array = new JsonArray([.. outputs.Select(o => o?.DeepClone())]);
        return new(start.Index, ToolOutcome.Completed(array), attempts.DefaultIfEmpty(1).Max(), startedAt);
    }

    private async Task CommitItem(string nodeId, ItemResult item, CancellationToken cancellationToken)
    {
        try
        {
            await run.Services.Store.CommitAsync(new ExecutionCommit { ExecutionId = run.ExecutionId, Item = (nodeId, item) }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StoreFailureException(ex);
        }
    }
}
