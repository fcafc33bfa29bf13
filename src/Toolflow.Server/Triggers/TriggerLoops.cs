using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Triggers;

/// <summary>
/// Save-time checks of a <c>workflow</c> trigger (POST/PUT /workflows): the source must be a workflow
/// the caller may see, and following sources upstream must not come back to the workflow being
/// saved — A → B → A, or A → A, would start each other for ever. Each workflow has one trigger, so
/// the upstream path is a simple chain. Answers 422 keyed at <c>/trigger</c>.
/// </summary>
internal static class TriggerLoops
{
    private const int MaxChain = 1000;

    // Following the chain past what the caller may see only reveals "a loop", never a name.
    private static readonly Caller System = new(Guid.Empty, UserRole.Admin);

    /// <summary>The definition with its trigger's workflowId in canonical form (lower-case, hyphenated), as the trigger index matches it.</summary>
    public static WorkflowDefinition Canonical(WorkflowDefinition definition) =>
        definition.Trigger is { Type: TriggerType.Workflow, WorkflowId: { } id } trigger && Guid.TryParse(id, out var parsed)
            ? definition with { Trigger = trigger with { WorkflowId = parsed.ToString("D") } }
            : definition;

    /// <summary>Null when the trigger is fine; else the 422 to answer.</summary>
    public static async Task<ProblemHttpResult?> RefusalAsync(
        WorkflowDefinition definition, Guid? savedId, Caller caller, ToolflowRepositories repositories, CancellationToken cancellationToken)
    {
        if (definition.Trigger is not { Type: TriggerType.Workflow, WorkflowId: { } text } || !Guid.TryParse(text, out var source))
        {
            return null;
        }

        if (await repositories.Workflows.GetAsync(caller, source, cancellationToken) is not { } first)
        {
            return Unprocessable("/trigger/workflowId", $"names no workflow you may see ({source})");
        }

        if (source == savedId)
        {
            return Unprocessable("/trigger", "a workflow cannot be triggered by its own completion (a loop of workflow triggers)");
        }

        var hops = 1;
        var seen = new HashSet<Guid> { source };
        var upstream = first;
        for (var step = 0; step < MaxChain && upstream.Definition.Trigger is { Type: TriggerType.Workflow, WorkflowId: { } next } && Guid.TryParse(next, out var nextId); step++)
        {
            if (nextId == savedId)
            {
                var middle = hops == 1 ? "" : $" (through {hops - 1} more)";
                return Unprocessable("/trigger", $"this trigger would make a loop of workflow triggers: '{definition.Name}' starts after '{first.Name}'{middle}, which starts after '{definition.Name}'");
            }

            if (!seen.Add(nextId) || await repositories.Workflows.GetAsync(System, nextId, cancellationToken) is not { } found)
            {
                // An older loop upstream that does not include this workflow, or a deleted source: not this save's loop.
                return null;
            }

            upstream = found;
            hops++;
        }

        return null;
    }

    private static ProblemHttpResult Unprocessable(string pointer, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [pointer] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid trigger",
            Detail = message,
        });
}
