using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Workflows;

public enum WorkflowSort
{
    UpdatedAt,
    CreatedAt,
    Name,
    ExecutionCount,
}

public enum SortDirection
{
    Descending,
    Ascending,
}

/// <summary>Whose workflows: the caller's own, those shared with them, or everything they may see (admins: all).</summary>
public enum OwnerScope
{
    AllVisible,
    Me,
    Shared,
}

public enum TagMatch
{
    Any,
    All,
}

/// <summary>
/// GET /workflows. With no <see cref="Statuses"/>, archived workflows are left out. <see cref="Query"/>
/// matches name or description case-insensitively (ASCII case only on SQLite). Ranges are
/// [from, to). <see cref="Cursor"/> must come from a page of the same sort and direction.
/// </summary>
public sealed record WorkflowListQuery
{
    public IReadOnlyList<WorkflowStatus>? Statuses { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public TagMatch TagMatch { get; init; } = TagMatch.Any;
    public TriggerType? TriggerType { get; init; }
    public string? Query { get; init; }
    public OwnerScope Owner { get; init; } = OwnerScope.AllVisible;
    public DateTimeOffset? CreatedFrom { get; init; }
    public DateTimeOffset? CreatedTo { get; init; }
    public DateTimeOffset? UpdatedFrom { get; init; }
    public DateTimeOffset? UpdatedTo { get; init; }
    public WorkflowSort Sort { get; init; } = WorkflowSort.UpdatedAt;
    public SortDirection Direction { get; init; } = SortDirection.Descending;
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}
