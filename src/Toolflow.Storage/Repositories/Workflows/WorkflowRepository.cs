using Toolflow.Core.Complexity;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.Workflows;

/// <summary>
/// Workflows and their version history. Reads for a <see cref="Caller"/> return null for what the
/// caller may not see; writes throw <see cref="NotFoundException"/> for it, and
/// <see cref="InsufficientPermissionException"/> when the caller sees it but may not do that.
/// </summary>
public sealed partial class WorkflowRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    /// <summary>Creates the workflow owned by <paramref name="owner"/> and its version 1, in one transaction.</summary>
    public Task<WorkflowRecord> CreateAsync(Caller owner, NewWorkflow workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(workflow);
        CheckNew(workflow);
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                if (workflow.TemplateId is { } templateId && !await TemplateVisibleAsync(db, templateId, owner))
                {
                    throw ValidationFailedException.For("/templateId", "names no template the owner may use");
                }

                return await InsertAsync(db, owner, workflow, now);
            },
            cancellationToken);
    }

    /// <summary>Checks what <see cref="InsertAsync"/> takes before any SQL runs.</summary>
    internal static void CheckNew(NewWorkflow workflow)
    {
        CheckDefinition(workflow.Definition);
        new Check().Enum("/status", workflow.Status)
            .That(workflow.GenerationAttempts >= 0, "/generationAttempts", "must not be negative")
            .Optional("/generationModel", workflow.GenerationModel, Check.MaxNameLength)
            .That(workflow.Status != WorkflowStatus.Archived, "/status", "a new workflow cannot be archived")
            .ThrowIfAny();
    }

    /// <summary>Inserts the workflow and its version 1 inside the caller's transaction (checked by <see cref="CheckNew"/>).</summary>
    internal static async Task<WorkflowRecord> InsertAsync(Db db, Caller owner, NewWorkflow workflow, DateTimeOffset now)
    {
        var definition = DefinitionJson.WithHookId(workflow.Definition, null);
        var id = Guid.CreateVersion7();
        var (durationMs, costUsd) = WorkflowEstimates.Estimate(definition);
        await db.ExecuteAsync(
            """
            INSERT INTO workflows (id, owner_id, template_id, name, description, definition, status, version, tags, trigger_type, hook_id,
                                   generation_prompt, generation_model, generation_conversation, generation_attempts,
                                   estimated_duration_ms, estimated_cost_usd, complexity_score, created_at, updated_at)
            VALUES (@id, @owner, @template, @name, @description, @definition, @status, 1, @tags, @trigger, @hook,
                    @prompt, @model, @conversation, @attempts, @duration, @cost, @complexity, @now, @now)
            """,
            ("id", id), ("owner", owner.UserId), ("template", workflow.TemplateId), ("name", definition.Name),
            ("description", definition.Description), ("definition", new JsonText(DefinitionJson.Write(definition))),
            ("status", SqlText.Of(workflow.Status)), ("tags", definition.Tags.ToArray()),
            ("trigger", SqlText.Of(definition.Trigger?.Type ?? TriggerType.Manual)), ("hook", definition.Trigger?.HookId),
            ("prompt", workflow.GenerationPrompt), ("model", workflow.GenerationModel),
            ("conversation", workflow.GenerationConversation is null ? null : new JsonText(workflow.GenerationConversation.ToJsonString())),
            ("attempts", workflow.GenerationAttempts), ("duration", durationMs), ("cost", costUsd),
            ("complexity", WorkflowComplexity.Compute(definition)), ("now", now));
        await InsertVersionAsync(db, id, 1, definition, owner.UserId, now);
        return (await GetAsync(db, owner, id, now))!;
    }

    /// <summary>The workflow if the caller may see it (owner, live share, admin), with their permission; else null.</summary>
    public Task<WorkflowRecord?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(db => GetAsync(db, caller, id, Clock.Now(time)), cancellationToken);

    /// <summary>The workflow whose webhook trigger has this hook id (no caller: the hook id is the credential).</summary>
    public Task<WorkflowRecord?> FindByHookIdAsync(string hookId, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            db => db.SingleOrDefaultAsync(
                $"SELECT {WorkflowRecord.Columns}, 'view' AS access FROM workflows AS w WHERE w.hook_id = @hook", WorkflowRecord.Read, ("hook", hookId)),
            cancellationToken);

    internal static async Task<WorkflowRecord?> GetAsync(Db db, Caller caller, Guid id, DateTimeOffset now, bool forUpdate = false)
    {
        // FOR UPDATE (PostgreSQL) locks the row: a concurrent editor waits, then reads the version
        // that won. SQLite needs no lock: its write transactions are already serialised.
        var sql = $"SELECT {WorkflowRecord.Columns}, {WorkflowAccess.AccessColumn} FROM workflows AS w WHERE w.id = @id"
            + (forUpdate && db.IsPostgres ? " FOR UPDATE OF w" : "");
        var parameters = WorkflowAccess.Parameters(caller, now).Append(("id", id)).ToArray();
        var rows = await db.ListAsync(sql, row => row.IsNull("access") ? null : WorkflowRecord.Read(row), parameters);
        return rows.Count == 0 ? null : rows[0];
    }

    internal static Task<int> InsertVersionAsync(Db db, Guid workflowId, int version, WorkflowDefinition definition, Guid? createdBy, DateTimeOffset now) =>
        db.ExecuteAsync(
            "INSERT INTO workflow_versions (id, workflow_id, version, definition, created_by, created_at) VALUES (@id, @workflow, @version, @definition, @by, @now)",
            ("id", Guid.CreateVersion7()), ("workflow", workflowId), ("version", version),
            ("definition", new JsonText(DefinitionJson.Write(definition))), ("by", createdBy), ("now", now));

    private static async Task<bool> TemplateVisibleAsync(Db db, Guid templateId, Caller owner) =>
        await db.ScalarAsync(
            "SELECT 1 FROM workflow_templates WHERE id = @id AND (is_published OR author_id = @caller OR @admin)",
            ("id", templateId), ("caller", owner.UserId), ("admin", owner.IsAdmin)) is not null;

    private static void CheckDefinition(WorkflowDefinition? definition)
    {
        var check = new Check().That(definition is not null, "/definition", "is required");
        if (definition is not null)
        {
            check.Name("/name", definition.Name)
                .Optional("/description", definition.Description, Check.MaxDescriptionLength)
                .Tags("/tags", definition.Tags);
            if (definition.Trigger is { } trigger)
            {
                check.Enum("/trigger/type", trigger.Type);
            }
        }

        check.ThrowIfAny();
    }
}
