using System.Globalization;
using System.Text;

namespace Toolflow.Storage.Repositories.Templates;

public sealed partial class TemplateRepository
{
    /// <summary>
    /// Templates the caller may see, filtered, best first by rating (unrated last), usage or
    /// recency (created), keyset-paged on (key, id). <c>published = true</c> reads the
    /// <c>public_templates</c> view, the schema's one definition of what the public catalogue is.
    /// </summary>
    public Task<Page<TemplateRecord>> ListAsync(Caller caller, TemplateListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        new Check().Enum("/sort", query.Sort).Optional("/q", query.Query, Check.MaxNameLength).Optional("/tag", query.Tag, Check.MaxTagLength).ThrowIfAny();
        var size = PageSize.Of(query.Limit);
        var sortName = $"templates:{query.Sort}";
        var after = PageCursor.Decode(query.Cursor, sortName);
        return _sql.ReadAsync(
            async db =>
            {
                var parameters = new List<(string, object?)> { ("caller", caller.UserId), ("admin", caller.IsAdmin), ("limit", size + 1) };
                var key = query.Sort switch
                {
                    TemplateSort.Rating => "coalesce(t.rating_avg, 0)",
                    TemplateSort.Usage => "t.usage_count",
                    _ => "t.created_at",
                };
                var source = query.Published == true ? "public_templates" : "workflow_templates";
                var sql = new StringBuilder($"SELECT {TemplateRecord.Columns} FROM {source} AS t WHERE {VisibleTo}");
                Filter(sql, parameters, db.IsPostgres, query);
                if (after is not null)
                {
                    sql.Append($" AND ({key} < @afterKey OR ({key} = @afterKey AND t.id < @afterId))");
                    parameters.Add(("afterKey", query.Sort switch
                    {
                        TemplateSort.Rating => double.Parse(after.Value ?? "0", CultureInfo.InvariantCulture),
                        TemplateSort.Usage => long.Parse(after.Value ?? "0", CultureInfo.InvariantCulture),
                        _ => (object)DateTimeOffset.Parse(after.Value ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                    }));
                    parameters.Add(("afterId", after.Id));
                }

                sql.Append($" ORDER BY {key} DESC, t.id DESC LIMIT @limit");
                var rows = await db.ListAsync(sql.ToString(), TemplateRecord.Read, [.. parameters]);
                var last = rows.Count > size ? rows[size - 1] : null;
                var next = last is null ? null : new PageCursor(sortName, query.Sort switch
                {
                    TemplateSort.Rating => (last.RatingAvg ?? 0).ToString("R", CultureInfo.InvariantCulture),
                    TemplateSort.Usage => last.UsageCount.ToString(CultureInfo.InvariantCulture),
                    _ => last.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                }, last.Id).Encode();
                return new Page<TemplateRecord>(rows.Take(size).ToList(), next);
            },
            cancellationToken);
    }

    private static void Filter(StringBuilder sql, List<(string, object?)> parameters, bool postgres, TemplateListQuery query)
    {
        if (query.Category is { } category)
        {
            sql.Append(" AND t.category = @category");
            parameters.Add(("category", category));
        }

        if (query.Tag is { } tag)
        {
            sql.Append(postgres ? " AND @tag = ANY (t.tags)" : " AND EXISTS (SELECT 1 FROM json_each(t.tags) AS j WHERE j.value = @tag)");
            parameters.Add(("tag", tag));
        }

        if (!string.IsNullOrWhiteSpace(query.Query))
        {
            var like = postgres ? "ILIKE" : "LIKE";
            sql.Append($" AND (t.name {like} @q ESCAPE '\\' OR coalesce(t.description, '') {like} @q ESCAPE '\\')");
            parameters.Add(("q", SqlText.Contains(query.Query.Trim())));
        }

        if (query.Published is { } published)
        {
            sql.Append(" AND t.is_published = @published");
            parameters.Add(("published", published));
        }

        if (query.AuthorId is { } author)
        {
            sql.Append(" AND t.author_id = @author");
            parameters.Add(("author", author));
        }
    }
}
