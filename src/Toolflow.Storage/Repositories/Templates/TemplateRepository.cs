using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.Templates;

/// <summary>
/// Templates: everyone sees published ones; the author (and admins) see and change their own.
/// Counters are atomic in SQL: usage is one UPDATE, ratings are kept by the schema's trigger.
/// </summary>
public sealed partial class TemplateRepository(ToolflowDatabase database, TimeProvider time)
{
    private const string VisibleTo = "(t.is_published OR t.author_id = @caller OR @admin)";
    private readonly SqlSession _sql = new(database);

    public Task<TemplateRecord> CreateAsync(Caller author, TemplateInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(author);
        CheckInput(input);
        var id = Guid.CreateVersion7();
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO workflow_templates (id, author_id, name, description, category, tags, definition, parameters, created_at, updated_at)
                    VALUES (@id, @author, @name, @description, @category, @tags, @definition, @parameters, @now, @now)
                    """,
                    ("id", id), ("author", author.UserId), ("name", input.Name.Trim()), ("description", input.Description),
                    ("category", input.Category), ("tags", input.Tags.ToArray()), ("definition", new JsonText(input.Definition.ToJsonString())),
                    ("parameters", new JsonText((input.Parameters ?? []).ToJsonString())), ("now", now));
                return (await ReadAsync(db, id))!;
            },
            cancellationToken);
    }

    /// <summary>The template if published or the caller's (or the caller is an admin); else null.</summary>
    public Task<TemplateRecord?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            db => db.SingleOrDefaultAsync(
                $"SELECT {TemplateRecord.Columns} FROM workflow_templates AS t WHERE t.id = @id AND {VisibleTo}",
                TemplateRecord.Read, ("id", id), ("caller", caller.UserId), ("admin", caller.IsAdmin)),
            cancellationToken);

    /// <summary>Replaces the author's template (<see cref="NotFoundException"/> for anyone else but admins).</summary>
    public Task<TemplateRecord> UpdateAsync(Caller caller, Guid id, TemplateInput input, CancellationToken cancellationToken = default)
    {
        CheckInput(input);
        return ChangeAsync(
            caller, id,
            "name = @name, description = @description, category = @category, tags = @tags, definition = @definition, parameters = @parameters",
            [("name", input.Name.Trim()), ("description", input.Description), ("category", input.Category), ("tags", input.Tags.ToArray()),
             ("definition", new JsonText(input.Definition.ToJsonString())), ("parameters", new JsonText((input.Parameters ?? []).ToJsonString()))],
            cancellationToken);
    }

    public Task<TemplateRecord> PublishAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, id, "is_published = @published, published_at = coalesce(published_at, @now)", [("published", true)], cancellationToken);

    public Task<TemplateRecord> UnpublishAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, id, "is_published = @published, published_at = NULL", [("published", false)], cancellationToken);

    /// <summary>Deletes the author's template; workflows made from it keep running (template_id becomes null).</summary>
    public Task<bool> DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.WriteAsync(
            async db => await db.ExecuteAsync(
                "DELETE FROM workflow_templates WHERE id = @id AND (author_id = @caller OR @admin)",
                ("id", id), ("caller", caller.UserId), ("admin", caller.IsAdmin)) > 0,
            cancellationToken);

    /// <summary>usage_count + 1 in one statement (no lost update under concurrency); null when there is no such template.</summary>
    public Task<long?> IncrementUsageAsync(Guid id, CancellationToken cancellationToken = default) =>
        _sql.WriteAsync(
            async db => await db.ScalarAsync("UPDATE workflow_templates SET usage_count = usage_count + 1 WHERE id = @id RETURNING usage_count", ("id", id))
                is { } count ? (long?)Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) : null,
            cancellationToken);

    private Task<TemplateRecord> ChangeAsync(
        Caller caller, Guid id, string assignments, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                var changed = await db.ExecuteAsync(
                    $"UPDATE workflow_templates SET {assignments}, updated_at = @now WHERE id = @id AND (author_id = @caller OR @admin)",
                    [.. parameters, ("now", now), ("id", id), ("caller", caller.UserId), ("admin", caller.IsAdmin)]);
                return changed == 0 ? throw new NotFoundException("template", id.ToString()) : (await ReadAsync(db, id))!;
            },
            cancellationToken);
    }

    internal static Task<TemplateRecord?> ReadAsync(Db db, Guid id) =>
        db.SingleOrDefaultAsync($"SELECT {TemplateRecord.Columns} FROM workflow_templates AS t WHERE t.id = @id", TemplateRecord.Read, ("id", id));

    private static void CheckInput(TemplateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        new Check().Name("/name", input.Name).Optional("/description", input.Description, Check.MaxDescriptionLength)
            .Name("/category", input.Category, 64).Tags("/tags", input.Tags)
            .That(input.Definition is not null, "/definition", "is required")
            .ThrowIfAny();
    }
}
