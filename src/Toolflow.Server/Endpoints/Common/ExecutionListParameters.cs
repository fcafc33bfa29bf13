using System.Globalization;
using Toolflow.Core.Contracts.Common;
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
        if (status is not null)
        {
            var statuses = new List<ExecutionStatus>();
            foreach (var part in status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (EnumText.TryParse<ExecutionStatus>(part, out var parsed))
                {
                    statuses.Add(parsed);
                }
                else
                {
                    problems.Add(new("/status", "must be execution statuses (queued, running, …), comma-separated"));
                }
            }

            query = query with { Statuses = statuses };
        }

        query = query with { CreatedFrom = Time(from, "/from", problems), CreatedTo = Time(to, "/to", problems) };
        if (limit is not null)
        {
            if (int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PageRequest.MaxLimit)
            {
                query = query with { Limit = n };
            }
            else
            {
                problems.Add(new("/limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}"));
            }
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
