using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Integration;

/// <summary>Resolves the node's named credential for an integration tool, failing the node clearly when it cannot.</summary>
internal static class CredentialLookup
{
    /// <summary>The node's credential as <typeparamref name="TSecret"/>; <paramref name="kinds"/> names the accepted types in the error.</summary>
    public static async ValueTask<TSecret> RequireAsync<TSecret>(ICredentialResolver resolver, ToolInvocation invocation, string tool, string kinds, CancellationToken cancellationToken)
        where TSecret : class, IToolSecret
    {
        var (secret, _) = await FindAsync(resolver, invocation, cancellationToken);
        return Expect<TSecret>(
            secret ?? throw new ToolFailureException("credential.missing", $"{tool} needs a credential: set the node's \"credential\" to the name of one", retryable: false),
            invocation, tool, kinds);
    }

    /// <summary>The node's credential as <typeparamref name="TSecret"/>, or null when the node names none.</summary>
    public static async ValueTask<TSecret?> FindAsync<TSecret>(ICredentialResolver resolver, ToolInvocation invocation, string tool, string kinds, CancellationToken cancellationToken)
        where TSecret : class, IToolSecret =>
        (await FindBoundAsync<TSecret>(resolver, invocation, tool, kinds, cancellationToken)).Secret;

    /// <summary>The node's credential with its host binding, for tools that choose the host per call (http.request).</summary>
    public static async ValueTask<(TSecret? Secret, HostBinding Binding)> FindBoundAsync<TSecret>(ICredentialResolver resolver, ToolInvocation invocation, string tool, string kinds, CancellationToken cancellationToken)
        where TSecret : class, IToolSecret
    {
        var (secret, binding) = await FindAsync(resolver, invocation, cancellationToken);
        return secret is null ? (null, binding) : (Expect<TSecret>(secret, invocation, tool, kinds), binding);
    }

    private static TSecret Expect<TSecret>(IToolSecret secret, ToolInvocation invocation, string tool, string kinds)
        where TSecret : class, IToolSecret =>
        secret as TSecret
        ?? throw new ToolFailureException("invalid_credential", $"{tool} needs {kinds} credential; '{invocation.Credential}' is not one", retryable: false);

    private static async ValueTask<(IToolSecret? Secret, HostBinding Binding)> FindAsync(ICredentialResolver resolver, ToolInvocation invocation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(invocation.Credential))
        {
            return (null, HostBinding.None);
        }

        var resolved = await resolver.ResolveAsync(invocation.Credential, new CredentialContext(invocation.ExecutionId, invocation.WorkflowId), cancellationToken)
            ?? throw new ToolFailureException("credential.missing", $"credential '{invocation.Credential}' does not exist or is not visible to this workflow", retryable: false);
        var secret = CredentialTypes.Parse(resolved.Type, resolved.Secret);
        var binding = new HostBinding(resolved.Hosts);
        foreach (var host in secret.TargetHosts())
        {
            binding.Require(host, invocation.Credential);
        }

        return (secret, binding);
    }
}
