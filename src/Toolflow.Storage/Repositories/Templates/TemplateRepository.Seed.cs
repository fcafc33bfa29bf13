namespace Toolflow.Storage.Repositories.Templates;

public sealed partial class TemplateRepository
{
    /// <summary>
    /// Inserts a published template with no author (a template Toolflow ships), under a fixed id, unless
    /// that id is already there: true when it was inserted. Idempotent and safe when several processes
    /// start at once (ON CONFLICT on the primary key); an existing row — perhaps edited or unpublished
    /// by an admin — is left exactly as it is.
    /// </summary>
    public Task<bool> SeedAsync(Guid id, TemplateInput input, CancellationToken cancellationToken = default)
    {
        CheckInput(input);
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db => await db.ExecuteAsync(
                """
                INSERT INTO workflow_templates (id, author_id, name, description, category, tags, definition, parameters, is_published, published_at, created_at, updated_at)
                VALUES (@id, NULL, @name, @description, @category, @tags, @definition, @parameters, @published, @now, @now, @now)
                ON CONFLICT (id) DO NOTHING
                """,
                ("id", id), ("name", input.Name.Trim()), ("description", input.Description), ("category", input.Category), ("tags", input.Tags.ToArray()),
                ("definition", new JsonText(input.Definition.ToJsonString())), ("parameters", new JsonText((input.Parameters ?? []).ToJsonString())),
                ("published", true), ("now", now)) > 0,
            cancellationToken);
    }
}
