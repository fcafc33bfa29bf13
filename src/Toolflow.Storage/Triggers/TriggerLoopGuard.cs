using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;

namespace Toolflow.Storage.Triggers;

/// <summary>
/// Refuses, inside the saving transaction, a workflow trigger whose chain of sources comes back to
/// the workflow being saved. Checking before the transaction let two concurrent saves each close
/// half of a loop (A → B saved while B → A is saved): on PostgreSQL every such save takes one
/// transaction-scoped advisory lock first, so they take turns and the second sees the first; SQLite's
/// write transactions already take turns. Each workflow has one trigger, so the chain is a path.
/// </summary>
internal static class TriggerLoopGuard
{
    private const int MaxChain = 1000;

    // One lock for the whole trigger graph: saves that change a workflow trigger are rare.
    private const long GraphLock = 0x546F6F6C666C6F77; // "Toolflow"

    public static async Task CheckAsync(Db db, Guid savedId, WorkflowDefinition definition)
    {
        if (definition.Trigger is not { Type: TriggerType.Workflow, WorkflowId: { } text } || !Guid.TryParse(text, out var source))
        {
            return;
        }

        if (source == savedId)
        {
            throw new TriggerLoopException("a workflow cannot be triggered by its own completion (a loop of workflow triggers)");
        }

        if (db.IsPostgres)
        {
            await db.ScalarAsync("SELECT pg_advisory_xact_lock(@key)", ("key", GraphLock));
        }

        var sourceExpression = db.IsPostgres ? "definition -> 'trigger' ->> 'workflowId'" : "json_extract(definition, '$.trigger.workflowId')";
        string? firstName = null;
        var seen = new HashSet<Guid> { source };
        var current = source;
        for (var hops = 1; hops <= MaxChain; hops++)
        {
            var row = await db.SingleOrDefaultAsync(
                $"SELECT name, trigger_type, {sourceExpression} AS source FROM workflows WHERE id = @id",
                r => new Upstream(r.String("name"), r.String("trigger_type"), r.NullableString("source")),
                ("id", current));
            if (row is null)
            {
                return;
            }

            firstName ??= row.Name;
            if (row.TriggerType != "workflow" || !Guid.TryParse(row.Source, out var next))
            {
                return;
            }

            if (next == savedId)
            {
                var middle = hops == 1 ? "" : $" (through {hops - 1} more)";
                throw new TriggerLoopException(
                    $"this trigger would make a loop of workflow triggers: '{definition.Name}' starts after '{firstName}'{middle}, which starts after '{definition.Name}'");
            }

            if (!seen.Add(next))
            {
                // An older loop upstream that does not include this workflow: not this save's loop.
                return;
            }

            current = next;
        }
    }

    private sealed record Upstream(string Name, string TriggerType, string? Source);
}
