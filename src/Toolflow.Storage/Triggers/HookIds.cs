using System.Security.Cryptography;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Storage.Triggers;

/// <summary>
/// Webhook hook ids: 128 random bits as 32 lower-case hex characters (the URL is the credential of
/// an unsigned hook). Rotation replaces the id in the column and in the stored definition without
/// a new version — the id is server metadata, not part of what the user edits — and the old URL
/// stops answering at once.
/// </summary>
public sealed class HookIds(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    /// <summary>True when <paramref name="hookId"/> could be a hook id at all (checked before any query).</summary>
    public static bool IsWellFormed(string? hookId) =>
        hookId is { Length: 32 } && hookId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>A new hook id for the workflow's webhook trigger. Needs edit permission; a workflow without a webhook trigger is a <see cref="ConflictException"/>.</summary>
    public Task<WorkflowRecord> RotateAsync(Caller caller, Guid workflowId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        return _sql.WriteAsync(
            async db =>
            {
                var current = await WorkflowRepository.GetAsync(db, caller, workflowId, now, forUpdate: true)
                    ?? throw new NotFoundException("workflow", workflowId.ToString());
                WorkflowAccess.Demand(workflowId, current.Permission, Toolflow.Core.Sharing.WorkflowAction.Edit);
                if (current.Definition.Trigger is not { Type: TriggerType.Webhook } trigger)
                {
                    throw new ConflictException($"Workflow '{workflowId}' has no webhook trigger.");
                }

                if (current.Status == WorkflowStatus.Archived)
                {
                    throw new ConflictException($"Workflow '{workflowId}' is archived; restore it first.");
                }

                var hookId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                var definition = current.Definition with { Trigger = trigger with { HookId = hookId } };
                await db.ExecuteAsync(
                    "UPDATE workflows SET hook_id = @hook, definition = @definition, updated_at = @now WHERE id = @id",
                    ("hook", hookId), ("definition", new JsonText(DefinitionJson.Write(definition))), ("now", now), ("id", workflowId));
                return (await WorkflowRepository.GetAsync(db, caller, workflowId, now))!;
            },
            cancellationToken);
    }
}
