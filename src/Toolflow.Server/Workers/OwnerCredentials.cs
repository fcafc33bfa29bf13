using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Workers;

/// <summary>
/// Credentials for executions run by the workers: only those of the workflow's owner, decrypted at
/// the moment the tool needs them and handed to that tool alone.
/// </summary>
internal sealed class OwnerCredentials(ToolflowRepositories repositories) : ICredentialResolver
{
    // The worker acts for the system, not for a user: it may look up any workflow to learn its owner.
    private static readonly Caller System = new(Guid.Empty, UserRole.Admin);

    public async ValueTask<ResolvedCredential?> ResolveAsync(string name, CredentialContext context, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(context.WorkflowId, out var workflowId) ||
            await repositories.Workflows.GetAsync(System, workflowId, cancellationToken) is not { } workflow)
        {
            return null;
        }

        return await repositories.Credentials.ResolveTypedAsync(workflow.OwnerId, name, cancellationToken) is { } found
            ? new ResolvedCredential(found.Type, found.Secret) { Hosts = found.Hosts }
            : null;
    }
}
