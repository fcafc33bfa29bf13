namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>The bounds every script runs under. Expressions get tight ones; code nodes looser ones.</summary>
public sealed record SandboxLimits
{
    /// <summary>For <c>{{ … }}</c> expressions: they are one-liners and run often.</summary>
    public static readonly SandboxLimits Expressions = new()
    {
        Timeout = TimeSpan.FromSeconds(2),
        MemoryBytes = 32 * 1024 * 1024,
        MaxStatements = 100_000,
        MaxRecursion = 64,
    };

    /// <summary>For <c>code.javascript</c> bodies.</summary>
    public static readonly SandboxLimits Code = new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        MemoryBytes = 64 * 1024 * 1024,
        MaxStatements = 10_000_000,
        MaxRecursion = 256,
    };

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Most memory a script may hold (what it can still reach), not what it allocates: garbage is free.
    /// </summary>
    public long MemoryBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// Jint's allocation count (garbage included) stops a run only past this, far above <see cref="MemoryBytes"/>:
    /// a backstop for allocation storms no statement-level check sees, not the memory limit.
    /// </summary>
    public long AllocationBackstopBytes => MemoryBytes * 32;

    public int MaxStatements { get; init; } = 100_000;

    public int MaxRecursion { get; init; } = 64;

    /// <summary>Longest array a script may create; a cheap guard against <c>new Array(1e9)</c>.</summary>
    public int MaxArrayLength { get; init; } = 1_000_000;

    /// <summary>Largest JSON (in UTF-16 chars) a script may return; guards the host from huge strings.</summary>
    public int MaxResultChars { get; init; } = 16 * 1024 * 1024;
}
