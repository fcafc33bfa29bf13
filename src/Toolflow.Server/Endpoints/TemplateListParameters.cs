using System.Globalization;
using Toolflow.Core.Contracts.Common;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Templates;
using CoreProblem = Toolflow.Core.Validation.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>GET /templates</c> query, bound as strings and parsed here so a bad value answers 400 naming the
/// parameter. <c>author=me</c> is the caller; <c>sort</c> is rating, usage or recency (best first).
/// </summary>
internal static class TemplateListParameters
{
    public static (TemplateListQuery Query, List<CoreProblem> Problems) Parse(
        Caller caller, string? category, string? tag, string? q, string? published, string? author, string? sort, string? cursor, string? limit)
    {
        var problems = new List<CoreProblem>();
        var query = new TemplateListQuery
        {
            Category = string.IsNullOrWhiteSpace(category) ? null : category,
            Tag = string.IsNullOrWhiteSpace(tag) ? null : tag,
            Query = string.IsNullOrWhiteSpace(q) ? null : q,
            Cursor = cursor,
        };
        if (published is not null)
        {
            query = published switch
            {
                "true" => query with { Published = true },
                "false" => query with { Published = false },
                _ => Add(query, problems, "/published", "must be true or false"),
            };
        }

        if (author is not null)
        {
            query = author == "me" ? query with { AuthorId = caller.UserId }
                : Guid.TryParse(author, out var id) ? query with { AuthorId = id }
                : Add(query, problems, "/author", "must be 'me' or a user id");
        }

        if (sort is not null)
        {
            query = sort switch
            {
                "rating" => query with { Sort = TemplateSort.Rating },
                "usage" => query with { Sort = TemplateSort.Usage },
                "recency" => query with { Sort = TemplateSort.Recency },
                _ => Add(query, problems, "/sort", "must be rating, usage or recency"),
            };
        }

        if (limit is not null)
        {
            query = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PageRequest.MaxLimit
                ? query with { Limit = n }
                : Add(query, problems, "/limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}");
        }

        return (query, problems);
    }

    private static TemplateListQuery Add(TemplateListQuery query, List<CoreProblem> problems, string pointer, string message)
    {
        problems.Add(new CoreProblem(pointer, message));
        return query;
    }
}
