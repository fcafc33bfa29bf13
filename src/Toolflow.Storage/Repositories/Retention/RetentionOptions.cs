namespace Toolflow.Storage.Repositories.Retention;

/// <summary>The <c>Retention</c> configuration section.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Finished executions older than this (by completed_at) are deleted with their node executions.</summary>
    public TimeSpan ExecutionAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Rows per DELETE statement (and transaction), so a big backlog never holds long locks.</summary>
    public int BatchSize { get; set; } = 500;
}
