using System.Globalization;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>The query string of an execution list (a workflow's, or every visible one): status, from, to, cursor, limit.</summary>
internal static class ExecutionListParameters
{
    /// <summary>The query, and every problem with the parameters keyed by pointer (empty when there is none).</summary>
    public static (ExecutionListQuery Query, List<Core.Validation.ValidationProblem> Problems) Read(string? status, string? from, string? to, string? cursor, string? limit)
    {
        var problems = new List<Core.Validation.ValidationProblem>();
        var query = new ExecutionListQuery { Cursor = cursor };
        if (QueryText.Enums<ExecutionStatus>(status, "/status", "must be execution statuses (queued, running, …), comma-separated", problems) is { } statuses)
        {
            query = query with { Statuses = statuses };
        }

        query = query with { CreatedFrom = Time(from, "/from", problems), CreatedTo = Time(to, "/to", problems) };
        if (QueryText.Limit(limit, problems) is { } size)
        {
            query = query with { Limit = size };
        }

        return (query, problems);
    }

    private static DateTimeOffset? Time(string? text, string pointer, List<Core.Validation.ValidationProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        problems.Add(new(pointer, "must be an ISO-8601 time"));
        return null;
    }
}
