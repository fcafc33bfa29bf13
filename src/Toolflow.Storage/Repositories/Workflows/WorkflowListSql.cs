using System.Globalization;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>The dialect-specific pieces of the workflow list: tag predicates, sort keys and their cursor values.</summary>
internal static class WorkflowListSql
{
    public static string TagPredicate(bool postgres, TagMatch match) => (postgres, match) switch
    {
        (true, TagMatch.All) => "w.tags @> @tags",
        (true, _) => "w.tags && @tags",
        (false, TagMatch.All) => "NOT EXISTS (SELECT 1 FROM json_each(@tags) AS q WHERE q.value NOT IN (SELECT t.value FROM json_each(w.tags) AS t))",
        (false, _) => "EXISTS (SELECT 1 FROM json_each(w.tags) AS t WHERE t.value IN (SELECT q.value FROM json_each(@tags) AS q))",
    };

    // Names sort case-insensitively and, on PostgreSQL, by code point (COLLATE "C"), so the order
    // and the cursor comparison agree whatever the database's collation is.
    public static string SortKey(bool postgres, WorkflowSort sort) => sort switch
    {
        WorkflowSort.CreatedAt => "w.created_at",
        WorkflowSort.Name => postgres ? "(lower(w.name) COLLATE \"C\")" : "lower(w.name)",
        WorkflowSort.ExecutionCount => "w.execution_count",
        _ => "w.updated_at",
    };

    public static string SortValue(WorkflowRecord row, string nameKey, WorkflowSort sort) => sort switch
    {
        WorkflowSort.CreatedAt => row.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        WorkflowSort.Name => nameKey,
        WorkflowSort.ExecutionCount => row.ExecutionCount.ToString(CultureInfo.InvariantCulture),
        _ => row.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    public static object ParseSortValue(WorkflowSort sort, string? value)
    {
        try
        {
            return sort switch
            {
                WorkflowSort.Name => value ?? "",
                WorkflowSort.ExecutionCount => long.Parse(value ?? "", CultureInfo.InvariantCulture),
                _ => DateTimeOffset.Parse(value ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            };
        }
        catch (FormatException)
        {
            throw ValidationFailedException.For("/cursor", "is not a cursor this server issued");
        }
    }
}
