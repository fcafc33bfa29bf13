using Toolflow.Core.Execution;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Workers;

/// <summary>
/// Credentials for executions run by the workers: only those of the workflow's owner, decrypted at
/// the moment the tool needs them and handed to that tool alone, with their host binding.
/// </summary>
internal sealed class OwnerCredentials(ToolflowRepositories repositories) : ICredentialResolver
{
    public async ValueTask<ResolvedCredential?> ResolveAsync(string name, CredentialContext context, CancellationToken cancellationToken) =>
        await WorkflowOwner.FindAsync(repositories, context.WorkflowId, cancellationToken) is { } owner &&
        await repositories.Credentials.ResolveTypedAsync(owner, name, cancellationToken) is { } found
            ? new ResolvedCredential(found.Type, found.Secret) { Hosts = found.Hosts }
            : null;
}
