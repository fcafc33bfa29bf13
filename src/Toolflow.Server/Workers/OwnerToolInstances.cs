using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Workers;

/// <summary>
/// Tool instances for executions run by the workers: those of the workflow's owner, either free or
/// bound to this very workflow. An instance bound to another workflow, or someone else's, is not there.
/// </summary>
internal sealed class OwnerToolInstances(ToolflowRepositories repositories) : IToolInstanceResolver
{
    private static readonly Caller System = new(Guid.Empty, UserRole.Admin);

    public async ValueTask<ResolvedToolInstance?> ResolveAsync(string instanceId, CredentialContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(instanceId, out var id) || !Guid.TryParse(context.WorkflowId, out var workflowId) ||
            await repositories.Workflows.GetAsync(System, workflowId, cancellationToken) is not { } workflow)
        {
            return null;
        }

        var owner = new Caller(workflow.OwnerId, UserRole.Member);
        if (await repositories.ToolInstances.GetAsync(owner, id, cancellationToken) is not { } instance ||
            instance.OwnerId != workflow.OwnerId ||
            (instance.WorkflowId is { } boundTo && boundTo != workflowId))
        {
            return null;
        }

        return new ResolvedToolInstance(instance.Tool, instance.Config, instance.CredentialId?.ToString());
    }
}
