using Toolflow.Core.Definitions;
using Toolflow.Core.Tools;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>
/// Which node a signal is for. A signal names a node of the execution's workflow version whose tool
/// takes signals (flow.approval) and that has not ended; without a name, the one such node waiting.
/// An approval that has not started yet may be signalled ahead (the engine keeps the signal until
/// the node waits). Anything else is refused, rather than stored where no node will ever read it.
/// </summary>
internal sealed record SignalTarget(string? NodeId, IResult? Problem)
{
    public static async Task<SignalTarget> FindAsync(
        string? named, ExecutionRecord execution, ToolflowRepositories repositories, IToolCatalog catalog, Caller caller, CancellationToken cancellationToken)
    {
        var runs = execution.Nodes.GroupBy(n => n.NodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.FirstOrDefault(n => n.ItemIndex is null) ?? g.First(), StringComparer.Ordinal);
        var version = await repositories.Workflows.GetVersionAsync(caller, execution.WorkflowId, execution.WorkflowVersion, cancellationToken);
        var nodes = (version?.Definition.Nodes ?? []).ToDictionary(n => n.Id, StringComparer.Ordinal);
        string? ToolOf(string id) => (runs.TryGetValue(id, out var started) ? started.Tool : null) ?? (nodes.TryGetValue(id, out var defined) ? defined.Tool : null);
        if (named is null)
        {
            var waiting = runs.Values.Where(n => n.Status == NodeStatus.Running && TakesSignals(catalog, ToolOf(n.NodeId)) != false).Select(n => n.NodeId).ToList();
            return waiting.Count == 1
                ? new SignalTarget(waiting[0], null)
                : Refuse(waiting.Count == 0 ? "no node of this execution is waiting for a signal" : "several nodes are waiting: name one");
        }

        if (!nodes.ContainsKey(named))
        {
            return Refuse($"the workflow (version {execution.WorkflowVersion}) has no node '{named}'");
        }

        runs.TryGetValue(named, out var run);
        var tool = ToolOf(named);
        if (TakesSignals(catalog, tool) == false)
        {
            return Refuse($"node '{named}' is a {tool} node, which takes no signals; only flow.approval does");
        }

        if (run is { Status: NodeStatus.Completed or NodeStatus.Failed or NodeStatus.Skipped or NodeStatus.Cancelled })
        {
            return new SignalTarget(null, Problems.Status(StatusCodes.Status409Conflict, "Conflict",
                $"node '{named}' has already ended ({run.Status.ToString().ToLowerInvariant()}); it takes no more signals"));
        }

        return new SignalTarget(named, null);
    }

    /// <summary>False for a known tool that takes no signals; null when the tool is not known yet (a tool instance not started).</summary>
    private static bool? TakesSignals(IToolCatalog catalog, string? tool) =>
        tool is null ? null : catalog.Find(tool)?.TakesSignals;

    private static SignalTarget Refuse(string message) => new(null, Problems.Validation("/nodeId", message));
}
