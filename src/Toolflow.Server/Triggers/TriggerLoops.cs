using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Triggers;

/// <summary>
/// Save-time check of a <c>workflow</c> trigger (POST/PUT /workflows): the source must be a workflow
/// the caller may see (422 keyed at <c>/trigger/workflowId</c>). Loops (A → B → A, A → A) are refused by
/// the repository inside the saving transaction (<c>TriggerLoopGuard</c>, 422 at <c>/trigger</c>).
/// </summary>
internal static class TriggerLoops
{
    /// <summary>The definition with its trigger's workflowId in canonical form (lower-case, hyphenated), as the trigger index matches it.</summary>
    public static WorkflowDefinition Canonical(WorkflowDefinition definition) =>
        definition.Trigger is { Type: TriggerType.Workflow, WorkflowId: { } id } trigger && Guid.TryParse(id, out var parsed)
            ? definition with { Trigger = trigger with { WorkflowId = parsed.ToString("D") } }
            : definition;

    /// <summary>Null when the trigger is fine; else the 422 to answer.</summary>
    public static async Task<ProblemHttpResult?> RefusalAsync(
        WorkflowDefinition definition, Caller caller, ToolflowRepositories repositories, CancellationToken cancellationToken)
    {
        if (definition.Trigger is not { Type: TriggerType.Workflow, WorkflowId: { } text } || !Guid.TryParse(text, out var source))
        {
            return null;
        }

        // Loops are refused by the save itself, inside its transaction (TriggerLoopGuard), so two
        // concurrent saves cannot each close half of one.
        return await repositories.Workflows.GetAsync(caller, source, cancellationToken) is null
            ? Unprocessable("/trigger/workflowId", $"names no workflow you may see ({source})")
            : null;
    }

    private static ProblemHttpResult Unprocessable(string pointer, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [pointer] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid trigger",
            Detail = message,
        });
}
