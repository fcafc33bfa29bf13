using Toolflow.Core.Validation;

namespace Toolflow.Core.Import;

/// <summary>How to treat nodes that cannot be converted.</summary>
public sealed record N8nImportOptions
{
    /// <summary>
    /// False (default): any unconverted node means no definition is returned, only the report.
    /// True: each unconverted node becomes a <c>flow.fail</c> node whose message carries the reason.
    /// </summary>
    public bool Placeholders { get; init; }

    /// <summary>
    /// When set, the converted definition must pass it: a node whose converted form breaks a rule is
    /// reported (and placeholdered) instead of producing a workflow that cannot be saved.
    /// </summary>
    public WorkflowValidator? Validator { get; init; }

    public static N8nImportOptions Default { get; } = new();
}
