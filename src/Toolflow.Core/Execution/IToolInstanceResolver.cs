using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>
/// Finds the configured tool instance a node names by <c>toolInstanceId</c>. The host decides whose
/// instances are visible (the workflow owner's, and only those not bound to another workflow).
/// </summary>
public interface IToolInstanceResolver
{
    /// <summary>The instance with id <paramref name="instanceId"/> visible to this execution, or null.</summary>
    ValueTask<ResolvedToolInstance?> ResolveAsync(string instanceId, CredentialContext context, CancellationToken cancellationToken);
}

/// <summary>
/// A tool instance as the engine uses it: the tool it configures, its config (the node's config is
/// merged over it) and the credential (id or name) it carries, which the node's own credential overrides.
/// </summary>
public sealed record ResolvedToolInstance(string Tool, JsonObject Config, string? Credential);

/// <summary>For hosts with no tool instances (<c>toolflow run</c>).</summary>
public sealed class NoToolInstances : IToolInstanceResolver
{
    public static readonly NoToolInstances Instance = new();

    public ValueTask<ResolvedToolInstance?> ResolveAsync(string instanceId, CredentialContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ResolvedToolInstance?>(null);
}
