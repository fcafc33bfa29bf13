using Toolflow.Core.Complexity;
using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;

namespace Toolflow.Storage.Repositories.Workflows;

public sealed partial class WorkflowRepository
{
    /// <summary>
    /// Updates from <see cref="WorkflowUpdate.ExpectedVersion"/> (needs edit permission). A stale
    /// version is a <see cref="VersionConflictException"/> and writes nothing. A changed definition
    /// becomes version N+1 (and a workflow_versions row); a status-only change keeps the version.
    /// An archived workflow must be restored first (<see cref="ConflictException"/>).
    /// </summary>
    public Task<WorkflowRecord> UpdateAsync(Caller caller, Guid id, WorkflowUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Definition is not null)
        {
            CheckDefinition(update.Definition);
        }

        if (update.Generation is { } fields)
        {
            new Check().That(fields.Attempts >= 0, "/generationAttempts", "must not be negative")
                .Optional("/generationModel", fields.Model, Check.MaxNameLength)
                .ThrowIfAny();
        }

        if (update.Status is { } status)
        {
            new Check().Enum("/status", status)
                .That(status != WorkflowStatus.Archived, "/status", "archive with DELETE, not with an update")
                .ThrowIfAny();
        }

        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                var current = await GetAsync(db, caller, id, now, forUpdate: true) ?? throw new NotFoundException("workflow", id.ToString());
                WorkflowAccess.Demand(id, current.Permission, WorkflowAction.Edit);
                if (current.Version != update.ExpectedVersion)
                {
                    throw new VersionConflictException("workflow", id, update.ExpectedVersion, current.Version);
                }

                if (current.Status == WorkflowStatus.Archived)
                {
                    throw new ConflictException($"Workflow '{id}' is archived; restore it before editing.");
                }

                var definition = update.Definition is null ? null : DefinitionJson.WithHookId(update.Definition, current.HookId);
                if (definition is not null && !DefinitionJson.SameAs(current.Definition, definition))
                {
                    await WriteDefinitionAsync(db, current, definition, update.Status ?? current.Status, caller.UserId, now);
                    if (update.Generation is { } generation)
                    {
                        await db.ExecuteAsync(
                            "UPDATE workflows SET generation_model = @model, generation_conversation = @conversation, generation_attempts = @attempts WHERE id = @id",
                            ("model", generation.Model), ("conversation", new JsonText(generation.Conversation.ToJsonString())),
                            ("attempts", generation.Attempts), ("id", id));
                    }
                }
                else if (update.Status is { } newStatus && newStatus != current.Status)
                {
                    await db.ExecuteAsync(
                        $"UPDATE workflows SET {PausedFromSet}, status = @status, updated_at = @now WHERE id = @id",
                        ("status", SqlText.Of(newStatus)), ("now", now), ("id", id));
                }

                await Triggers.ScheduleArming.OnStatusChangeAsync(db, id, current.Status, update.Status ?? current.Status);

                return (await GetAsync(db, caller, id, now))!;
            },
            cancellationToken);
    }

    /// <summary>Sets the status (draft, active, paused) without a version (pause/resume of a workflow). Needs edit.</summary>
    public Task<WorkflowRecord> SetStatusAsync(Caller caller, Guid id, WorkflowStatus status, CancellationToken cancellationToken = default)
    {
        new Check().Enum("/status", status)
            .That(status != WorkflowStatus.Archived, "/status", "use ArchiveAsync")
            .ThrowIfAny();
        return ChangeStatusAsync(caller, id, status == WorkflowStatus.Paused ? WorkflowAction.PauseWorkflow : WorkflowAction.ResumeWorkflow, (current, _) =>
            current == WorkflowStatus.Archived ? throw new ConflictException($"Workflow '{id}' is archived; restore it first.") : status, cancellationToken);
    }

    /// <summary>Pauses the workflow (its triggers stop), remembering whether it was a draft or active. Needs edit.</summary>
    public Task<WorkflowRecord> PauseAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        SetStatusAsync(caller, id, WorkflowStatus.Paused, cancellationToken);

    /// <summary>
    /// Resumes a paused workflow to the status it had before the pause (a paused draft stays a draft; a workflow
    /// paused before that was remembered becomes active). A workflow that is not paused keeps its status. Needs edit.
    /// </summary>
    public Task<WorkflowRecord> ResumeAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(caller, id, WorkflowAction.ResumeWorkflow, (current, pausedFrom) => current switch
        {
            WorkflowStatus.Archived => throw new ConflictException($"Workflow '{id}' is archived; restore it first."),
            WorkflowStatus.Paused => pausedFrom ?? WorkflowStatus.Active,
            _ => current,
        }, cancellationToken);

    /// <summary>
    /// Turns the workflow's trigger on (n8n's "activate"): a draft becomes active; an active one stays so. A paused
    /// workflow is resumed instead (its paused executions go on with it), an archived one restored first. Needs edit.
    /// </summary>
    public Task<WorkflowRecord> ActivateAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(caller, id, WorkflowAction.ResumeWorkflow, (current, _) => current switch
        {
            WorkflowStatus.Archived => throw new ConflictException($"Workflow '{id}' is archived; restore it first."),
            WorkflowStatus.Paused => throw new ConflictException($"Workflow '{id}' is paused; resume it (POST /workflows/{id}/resume) to turn its trigger back on."),
            _ => WorkflowStatus.Active,
        }, cancellationToken);

    /// <summary>Turns the trigger off (n8n's "deactivate"): an active workflow becomes a draft; a draft stays one. Needs edit.</summary>
    public Task<WorkflowRecord> DeactivateAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(caller, id, WorkflowAction.PauseWorkflow, (current, _) => current switch
        {
            WorkflowStatus.Archived => throw new ConflictException($"Workflow '{id}' is archived."),
            WorkflowStatus.Paused => throw new ConflictException($"Workflow '{id}' is paused; resume it first, or leave it paused (no trigger fires either way)."),
            _ => WorkflowStatus.Draft,
        }, cancellationToken);

    /// <summary>Archives the workflow (the API's DELETE). Needs admin permission. Archiving twice is a no-op.</summary>
    public Task<WorkflowRecord> ArchiveAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(caller, id, WorkflowAction.Delete, (_, _) => WorkflowStatus.Archived, cancellationToken);

    /// <summary>Brings an archived workflow back as a draft (so no trigger fires until someone activates it).</summary>
    public Task<WorkflowRecord> RestoreAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(caller, id, WorkflowAction.Restore, (current, _) =>
            current == WorkflowStatus.Archived ? WorkflowStatus.Draft : throw new ConflictException($"Workflow '{id}' is not archived."), cancellationToken);

    /// <summary>
    /// Keeps <c>paused_from</c> true in every write of <c>status</c> (SET reads the row's old values): entering
    /// <c>paused</c> remembers the status left, staying paused keeps it, any other status clears it.
    /// </summary>
    private const string PausedFromSet =
        "paused_from = CASE WHEN @status <> 'paused' THEN NULL WHEN status = 'paused' THEN paused_from ELSE status END";

    private Task<WorkflowRecord> ChangeStatusAsync(
        Caller caller, Guid id, WorkflowAction required, Func<WorkflowStatus, WorkflowStatus?, WorkflowStatus> next, CancellationToken cancellationToken)
    {
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                var current = await GetAsync(db, caller, id, now, forUpdate: true) ?? throw new NotFoundException("workflow", id.ToString());
                WorkflowAccess.Demand(id, current.Permission, required);
                var pausedFrom = current.Status == WorkflowStatus.Paused
                    && await db.ScalarAsync("SELECT paused_from FROM workflows WHERE id = @id", ("id", id)) is string text
                        ? SqlText.Parse<WorkflowStatus>(text)
                        : (WorkflowStatus?)null;
                var status = next(current.Status, pausedFrom);
                if (status == current.Status)
                {
                    return current;
                }

                await db.ExecuteAsync(
                    $"UPDATE workflows SET {PausedFromSet}, status = @status, updated_at = @now WHERE id = @id",
                    ("status", SqlText.Of(status)), ("now", now), ("id", id));
                await Triggers.ScheduleArming.OnStatusChangeAsync(db, id, current.Status, status);
                return (await GetAsync(db, caller, id, now))!;
            },
            cancellationToken);
    }

    private static async Task WriteDefinitionAsync(
        Db db, WorkflowRecord current, WorkflowDefinition definition, WorkflowStatus status, Guid editor, DateTimeOffset now)
    {
        await Triggers.TriggerLoopGuard.CheckAsync(db, current.Id, definition);
        var version = current.Version + 1;
        var (durationMs, costUsd) = WorkflowEstimates.Estimate(definition);
        var changed = await db.ExecuteAsync(
            $"""
            UPDATE workflows
               SET {PausedFromSet},
                   definition = @definition, name = @name, description = @description, tags = @tags, trigger_type = @trigger,
                   hook_id = @hook, status = @status, version = @version, estimated_duration_ms = @duration,
                   estimated_cost_usd = @cost, complexity_score = @complexity, updated_at = @now
             WHERE id = @id AND version = @expected
            """,
            ("definition", new JsonText(DefinitionJson.Write(definition))), ("name", definition.Name),
            ("description", definition.Description), ("tags", definition.Tags.ToArray()),
            ("trigger", SqlText.Of(definition.Trigger?.Type ?? TriggerType.Manual)), ("hook", definition.Trigger?.HookId),
            ("status", SqlText.Of(status)), ("version", version), ("duration", durationMs), ("cost", costUsd),
            ("complexity", WorkflowComplexity.Compute(definition)), ("now", now), ("id", current.Id), ("expected", current.Version));
        if (changed == 0)
        {
            // Only reachable if the row moved after the locked read; kept so the write is a true compare-and-set.
            throw new VersionConflictException("workflow", current.Id, current.Version, current.Version + 1);
        }

        await InsertVersionAsync(db, current.Id, version, definition, editor, now);
    }
}
