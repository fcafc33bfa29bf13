using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.Repositories.Templates;

public sealed partial class TemplateRepository
{
    /// <summary>
    /// Saves a workflow made from a template in ONE transaction: the workflow row, its version 1,
    /// its link to the template and the template's usage_count + 1. The usage bump comes last and
    /// is conditioned on the template still being visible to the caller, so a template deleted or
    /// unpublished meanwhile throws <see cref="NotFoundException"/> and rolls the workflow back:
    /// either everything is written or nothing is.
    /// </summary>
    public Task<WorkflowRecord> InstantiateAsync(Caller caller, Guid templateId, NewWorkflow workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(workflow);
        WorkflowRepository.CheckNew(workflow);
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                // The link is a foreign key: a template that does not exist at all is "not found", not a constraint error.
                if (await db.ScalarAsync("SELECT 1 FROM workflow_templates WHERE id = @id", ("id", templateId)) is null)
                {
                    throw new NotFoundException("template", templateId.ToString());
                }

                var created = await WorkflowRepository.InsertAsync(db, caller, workflow with { TemplateId = templateId }, now);
                var bumped = await db.ExecuteAsync(
                    "UPDATE workflow_templates SET usage_count = usage_count + 1 WHERE id = @id AND (is_published OR author_id = @caller OR @admin)",
                    ("id", templateId), ("caller", caller.UserId), ("admin", caller.IsAdmin));
                return bumped == 0 ? throw new NotFoundException("template", templateId.ToString()) : created;
            },
            cancellationToken);
    }
}
