using Toolflow.Core.Definitions;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Storage.Repositories.Workflows;
using CoreProblem = Toolflow.Core.Validation.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>GET /workflows</c> query: bound as strings and parsed here, so a bad value answers 400 naming
/// the parameter (<c>/status</c>) instead of the framework's anonymous binding failure.
/// </summary>
internal static class WorkflowListParameters
{
    private static readonly Dictionary<string, WorkflowSort> Sorts = new(StringComparer.Ordinal)
    {
        ["updatedAt"] = WorkflowSort.UpdatedAt,
        ["createdAt"] = WorkflowSort.CreatedAt,
        ["name"] = WorkflowSort.Name,
        ["executionCount"] = WorkflowSort.ExecutionCount,
    };

    public static (WorkflowListQuery Query, List<CoreProblem> Problems) Parse(
        string? status, string? tag, string? trigger, string? q, string? owner, string? sort, string? cursor, string? limit)
    {
        var problems = new List<CoreProblem>();
        var query = new WorkflowListQuery { Query = string.IsNullOrWhiteSpace(q) ? null : q, Cursor = cursor };
        if (QueryText.Enums<WorkflowStatus>(status, "/status", "must be draft, active, paused or archived (comma-separated for several)", problems) is { } statuses)
        {
            query = query with { Statuses = statuses };
        }

        if (tag is not null)
        {
            query = query with { Tags = tag.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
        }

        if (trigger is not null)
        {
            if (EnumText.TryParse<TriggerType>(trigger, out var type))
            {
                query = query with { TriggerType = type };
            }
            else
            {
                problems.Add(new("/trigger", "must be manual, schedule, webhook or workflow"));
            }
        }

        query = owner switch
        {
            null => query,
            "me" => query with { Owner = OwnerScope.Me },
            "shared" => query with { Owner = OwnerScope.Shared },
            _ => Add(problems, query, "/owner", "must be 'me' or 'shared'"),
        };

        if (sort is not null)
        {
            var descending = sort.StartsWith('-');
            if (Sorts.TryGetValue(descending ? sort[1..] : sort, out var key))
            {
                query = query with { Sort = key, Direction = descending ? SortDirection.Descending : SortDirection.Ascending };
            }
            else
            {
                problems.Add(new("/sort", "must be updatedAt, createdAt, name or executionCount, with '-' in front for descending"));
            }
        }

        if (QueryText.Limit(limit, problems) is { } size)
        {
            query = query with { Limit = size };
        }

        return (query, problems);
    }

    private static WorkflowListQuery Add(List<CoreProblem> problems, WorkflowListQuery query, string pointer, string message)
    {
        problems.Add(new(pointer, message));
        return query;
    }
}
