using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Integration;

/// <summary>Resolves the node's named credential for an integration tool, failing the node clearly when it cannot.</summary>
internal static class CredentialLookup
{
    public static async ValueTask<IToolSecret> RequireAsync(ICredentialResolver resolver, ToolInvocation invocation, string tool, CancellationToken cancellationToken)
    {
        return await FindAsync(resolver, invocation, cancellationToken)
            ?? throw new ToolFailureException("credential.missing", $"{tool} needs a credential: set the node's \"credential\" to the name of one", retryable: false);
    }

    public static async ValueTask<IToolSecret?> FindAsync(ICredentialResolver resolver, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(invocation.Credential))
        {
            return null;
        }

        var resolved = await resolver.ResolveAsync(invocation.Credential, new CredentialContext(invocation.ExecutionId, invocation.WorkflowId), cancellationToken)
            ?? throw new ToolFailureException("credential.missing", $"credential '{invocation.Credential}' does not exist or is not visible to this workflow", retryable: false);
        return CredentialTypes.Parse(resolved.Type, resolved.Secret);
    }
}
