using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>
/// Resolves a node's named credential at execution time, for the tool that needs it. The secret
/// goes to the tool only: never into the expression scope, an output, an event or a log.
/// </summary>
public interface ICredentialResolver
{
    /// <summary>The credential named <paramref name="name"/> visible to this execution, or null.</summary>
    ValueTask<ResolvedCredential?> ResolveAsync(string name, CredentialContext context, CancellationToken cancellationToken);
}

/// <summary>Which execution asks: the host decides from it whose credentials are visible.</summary>
public sealed record CredentialContext(string ExecutionId, string? WorkflowId);

/// <summary>A credential's type (smtp, postgres, sqlite, openai, ollama …) and its secret fields.</summary>
public sealed record ResolvedCredential(string Type, JsonObject Secret)
{
    /// <summary>The hosts the credential may be sent to; empty when it is not bound to any.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    public override string ToString() => $"ResolvedCredential {{ Type = {Type} }}";
}

/// <summary>For hosts with no credentials at all.</summary>
public sealed class NoCredentials : ICredentialResolver
{
    public static readonly NoCredentials Instance = new();

    public ValueTask<ResolvedCredential?> ResolveAsync(string name, CredentialContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<ResolvedCredential?>(null);
}
