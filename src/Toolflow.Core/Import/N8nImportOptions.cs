namespace Toolflow.Core.Import;

/// <summary>How to treat nodes that cannot be converted.</summary>
public sealed record N8nImportOptions
{
    /// <summary>
    /// False (default): any unconverted node means no definition is returned, only the report.
    /// True: each unconverted node becomes a <c>flow.fail</c> node whose message carries the reason.
    /// </summary>
    public bool Placeholders { get; init; }

    public static N8nImportOptions Default { get; } = new();
}
