namespace Toolflow.Core.Validation;

/// <summary>The bounds a definition must stay within (SPEC §2 and docs/workflow-format.md).</summary>
public static class WorkflowLimits
{
    public const int MaxNodes = 1_000;
    public const int MaxEdges = 5_000;
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 64;

    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxTags = 50;
    public const int MaxTagLength = 64;

    public const int MinAttempts = 1;
    public const int MaxAttempts = 10;

    /// <summary>One hour: a longer wait between attempts belongs in a <c>flow.delay</c> node.</summary>
    public const int MaxRetryDelayMs = 3_600_000;

    /// <summary>One day: anything longer should wait durably (<c>flow.delay</c>, <c>flow.approval</c>).</summary>
    public const int MaxTimeoutMs = 86_400_000;

    public const int MinConcurrency = 1;
    public const int MaxConcurrency = 100;

    /// <summary>The pattern of node ids: <c>[A-Za-z_][A-Za-z0-9_-]{0,63}</c>.</summary>
    public const string IdPattern = "^[A-Za-z_][A-Za-z0-9_-]{0,63}$";
}
