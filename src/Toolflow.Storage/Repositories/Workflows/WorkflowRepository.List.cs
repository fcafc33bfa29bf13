using System.Text;

namespace Toolflow.Storage.Repositories.Workflows;

public sealed partial class WorkflowRepository
{
    /// <summary>
    /// One page of the workflows the caller may see, filtered and sorted, keyset-paged on
    /// (sort key, id): rows inserted while a client pages never shift or repeat a page.
    /// </summary>
    public Task<Page<WorkflowRecord>> ListAsync(Caller caller, WorkflowListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var check = new Check().Enum("/sort", query.Sort).Enum("/direction", query.Direction).Enum("/owner", query.Owner)
            .Enum("/tagMatch", query.TagMatch).Optional("/q", query.Query, Check.MaxNameLength).Tags("/tags", query.Tags);
        foreach (var status in query.Statuses ?? [])
        {
            check.Enum("/status", status);
        }

        if (query.TriggerType is { } trigger)
        {
            check.Enum("/triggerType", trigger);
        }

        check.ThrowIfAny();
        var size = PageSize.Of(query.Limit);
        var sortName = $"workflows:{query.Sort}:{query.Direction}";
        var after = PageCursor.Decode(query.Cursor, sortName);
        return _sql.ReadAsync(
            async db =>
            {
                var parameters = WorkflowAccess.Parameters(caller, Clock.Now(time)).ToList();
                var sharedIds = (caller.IsAdmin && query.Owner == OwnerScope.AllVisible) || query.Owner == OwnerScope.Me
                    ? null
                    : await SharedWithAsync(db, parameters);
                var sql = BuildList(db, query, after, size, parameters, caller.IsAdmin, sharedIds);
                // A share revoked between the two statements leaves a row with no access: skip it.
                var rows = (await db.ListAsync(
                    sql.ToString(), row => row.IsNull("access") ? default : (Row: WorkflowRecord.Read(row), Key: row.String("sort_key")), [.. parameters]))
                    .Where(r => r.Row is not null).ToList();
                var next = rows.Count > size ? new PageCursor(sortName, WorkflowListSql.SortValue(rows[size - 1].Row, rows[size - 1].Key, query.Sort), rows[size - 1].Row.Id).Encode() : null;
                return new Page<WorkflowRecord>(rows.Take(size).Select(r => r.Row).ToList(), next);
            },
            cancellationToken);
    }

    /// <summary>
    /// The ids of workflows shared with the caller (live shares). Listing with
    /// <c>owner_id = @caller OR id IN (these)</c> lets both databases walk the owner index and the
    /// primary key, where an OR with EXISTS would scan the whole table.
    /// </summary>
    private static async Task<Guid[]> SharedWithAsync(Db db, List<(string, object?)> parameters) =>
        [.. await db.ListAsync(WorkflowAccess.SharedWith, row => row.Guid("workflow_id"), [.. parameters])];

    private static StringBuilder BuildList(
        Db db, WorkflowListQuery query, PageCursor? after, int size, List<(string, object?)> parameters, bool admin, Guid[]? sharedIds)
    {
        var key = WorkflowListSql.SortKey(db.IsPostgres, query.Sort);
        // The name key is read back from SQL: lower() differs between the dialects and .NET.
        var sql = new StringBuilder($"SELECT {WorkflowRecord.Columns}, {WorkflowAccess.AccessColumn}, ")
            .Append(query.Sort == WorkflowSort.Name ? key : "''").Append(" AS sort_key FROM workflows AS w WHERE ");
        var shared = db.IsPostgres ? "w.id = ANY (@shared)" : "w.id IN (SELECT value FROM json_each(@shared))";
        parameters.Add(("shared", sharedIds ?? []));
        sql.Append(query.Owner switch
        {
            OwnerScope.Me => "w.owner_id = @caller",
            OwnerScope.Shared => $"w.owner_id <> @caller AND {shared}",
            _ when admin => "1 = 1",
            _ => $"(w.owner_id = @caller OR {shared})",
        });
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Distinct().Select((s, i) => { parameters.Add(($"st{i}", SqlText.Of(s))); return $"@st{i}"; });
            sql.Append($" AND w.status IN ({string.Join(", ", names)})");
        }
        else
        {
            sql.Append(" AND w.status <> 'archived'");
        }

        if (query.TriggerType is { } trigger)
        {
            sql.Append(" AND w.trigger_type = @trigger");
            parameters.Add(("trigger", SqlText.Of(trigger)));
        }

        if (query.Tags is { Count: > 0 } tags)
        {
            sql.Append(" AND ").Append(WorkflowListSql.TagPredicate(db.IsPostgres, query.TagMatch));
            parameters.Add(("tags", tags.Distinct(StringComparer.Ordinal).ToArray()));
        }

        if (!string.IsNullOrWhiteSpace(query.Query))
        {
            var like = db.IsPostgres ? "ILIKE" : "LIKE";
            sql.Append($" AND (w.name {like} @q ESCAPE '\\' OR coalesce(w.description, '') {like} @q ESCAPE '\\')");
            parameters.Add(("q", SqlText.Contains(query.Query.Trim())));
        }

        AddRange(sql, parameters, "w.created_at", "createdFrom", query.CreatedFrom, ">=");
        AddRange(sql, parameters, "w.created_at", "createdTo", query.CreatedTo, "<");
        AddRange(sql, parameters, "w.updated_at", "updatedFrom", query.UpdatedFrom, ">=");
        AddRange(sql, parameters, "w.updated_at", "updatedTo", query.UpdatedTo, "<");

        var (op, dir) = query.Direction == SortDirection.Descending ? ("<", "DESC") : (">", "ASC");
        if (after is not null)
        {
            sql.Append($" AND ({key} {op} @afterKey OR ({key} = @afterKey AND w.id {op} @afterId))");
            parameters.Add(("afterKey", WorkflowListSql.ParseSortValue(query.Sort, after.Value)));
            parameters.Add(("afterId", after.Id));
        }

        sql.Append($" ORDER BY {key} {dir}, w.id {dir} LIMIT @limit");
        parameters.Add(("limit", size + 1));
        return sql;
    }

    private static void AddRange(StringBuilder sql, List<(string, object?)> parameters, string column, string name, DateTimeOffset? value, string op)
    {
        if (value is { } time)
        {
            sql.Append($" AND {column} {op} @{name}");
            parameters.Add((name, time));
        }
    }
}
