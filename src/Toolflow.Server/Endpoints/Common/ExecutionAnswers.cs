using System.Collections.Concurrent;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>
/// An execution as one execution is answered: with one entry per node of its workflow version
/// (SPEC §4), those not started yet <c>pending</c>. Lists keep the bare form (no definition read).
/// </summary>
internal static class ExecutionAnswers
{
    private const int MaxCachedVersions = 4096;

    // A workflow version never changes once written, so its node ids may be kept; ids are UUIDs, never reused.
    private static readonly ConcurrentDictionary<(Guid WorkflowId, int Version), string[]> NodeIds = new();

    /// <summary>Only for an execution the caller was allowed to read: the version is read without a visibility check.</summary>
    public static async Task<ExecutionResource> ResourceAsync(ExecutionRecord execution, ToolflowRepositories repositories, CancellationToken cancellationToken)
    {
        var key = (execution.WorkflowId, execution.WorkflowVersion);
        if (!NodeIds.TryGetValue(key, out var ids))
        {
            var version = await repositories.Workflows.LoadVersionForExecutionAsync(execution.WorkflowId, execution.WorkflowVersion, cancellationToken);
            if (version is null)
            {
                return execution.ToResource();
            }

            ids = [.. version.Definition.Nodes.Select(n => n.Id)];
            if (NodeIds.Count >= MaxCachedVersions)
            {
                NodeIds.Clear();
            }

            NodeIds[key] = ids;
        }

        return execution.ToResource(ids);
    }
}
