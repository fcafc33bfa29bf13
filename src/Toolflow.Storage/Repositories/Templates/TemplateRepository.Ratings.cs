namespace Toolflow.Storage.Repositories.Templates;

public sealed partial class TemplateRepository
{
    /// <summary>
    /// Rates a template the caller may see (1–5 stars, one rating per user: a second replaces the
    /// first). Authors cannot rate their own. The template row is locked first so concurrent raters
    /// queue: the schema's trigger then recomputes the average from every committed rating.
    /// </summary>
    public Task<TemplateRecord> RateAsync(Caller caller, Guid templateId, int stars, string? comment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        new Check().That(stars is >= 1 and <= 5, "/stars", "must be between 1 and 5").Optional("/comment", comment, Check.MaxDescriptionLength).ThrowIfAny();
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                // PostgreSQL: without this lock two raters' trigger runs each miss the other's row
                // (READ COMMITTED snapshots) and the last to commit writes a stale average.
                var author = await db.ListAsync(
                    $"SELECT t.author_id FROM workflow_templates AS t WHERE t.id = @id AND {VisibleTo}" + (db.IsPostgres ? " FOR UPDATE" : ""),
                    row => row.NullableGuid("author_id"), ("id", templateId), ("caller", caller.UserId), ("admin", caller.IsAdmin));
                if (author.Count == 0)
                {
                    throw new NotFoundException("template", templateId.ToString());
                }

                new Check().That(author[0] != caller.UserId, "/stars", "authors cannot rate their own template").ThrowIfAny();
                await db.ExecuteAsync(
                    """
                    INSERT INTO template_ratings (id, template_id, user_id, stars, comment, created_at, updated_at)
                    VALUES (@id, @template, @user, @stars, @comment, @now, @now)
                    ON CONFLICT (template_id, user_id) DO UPDATE SET stars = excluded.stars, comment = excluded.comment, updated_at = excluded.updated_at
                    """,
                    ("id", Guid.CreateVersion7()), ("template", templateId), ("user", caller.UserId), ("stars", stars), ("comment", comment), ("now", now));
                return (await ReadAsync(db, templateId))!;
            },
            cancellationToken);
    }
}
