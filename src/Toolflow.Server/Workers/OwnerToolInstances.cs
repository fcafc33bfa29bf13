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
    public async ValueTask<ResolvedToolInstance?> ResolveAsync(string instanceId, CredentialContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(instanceId, out var id) ||
            await WorkflowOwner.FindAsync(repositories, context.WorkflowId, cancellationToken) is not { } owner ||
            await repositories.ToolInstances.GetAsync(new Caller(owner, UserRole.Member), id, cancellationToken) is not { } instance ||
            instance.OwnerId != owner ||
            (instance.WorkflowId is { } boundTo && boundTo != Guid.Parse(context.WorkflowId!)))
        {
            return null;
        }

        return new ResolvedToolInstance(instance.Tool, instance.Config, instance.CredentialId?.ToString());
    }
}
