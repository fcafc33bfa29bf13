namespace Toolflow.Generation;

/// <summary>A credential the user has: only its name and type, never its secret.</summary>
public sealed record KnownCredential(string Name, string Type);

/// <summary>A workflow the user can see, so "after the billing workflow completes" can name a real id.</summary>
public sealed record KnownWorkflow(Guid Id, string Name);

/// <summary>
/// What the generator may rely on besides the prompt. Credentials are checked against this list:
/// a needed credential that is not here becomes a to-do, never an invented name.
/// </summary>
public sealed record GenerationContext
{
    public static readonly GenerationContext Empty = new();

    public IReadOnlyList<KnownCredential> Credentials { get; init; } = [];

    public IReadOnlyList<KnownWorkflow> Workflows { get; init; } = [];

    /// <summary>Free-form hints from the caller (known inputs, preferred tools …), passed to a model as they are.</summary>
    public string? Notes { get; init; }

    public KnownCredential? FirstOfType(params string[] types) =>
        Credentials.FirstOrDefault(c => types.Contains(c.Type, StringComparer.OrdinalIgnoreCase));
}
