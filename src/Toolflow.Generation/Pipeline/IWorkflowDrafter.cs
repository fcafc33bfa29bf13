using Toolflow.Core.Tools;
using Toolflow.Core.Validation;
using Toolflow.Generation.Planning;

namespace Toolflow.Generation.Pipeline;

/// <summary>What a drafter gets: the request, what was understood of it, and the tools retrieved for it.</summary>
public sealed record DraftInput(GenerationRequest Request, PlanSummary Understanding, IReadOnlyList<ToolDescriptor> Tools);

/// <summary>A draft as text (a model may answer something that is not JSON) and who wrote it.</summary>
public sealed record Draft(string Json, string Model);

/// <summary>
/// Writes and repairs drafts. The offline planner and chat models implement it; the generator's
/// state machine (validate, feed every problem back, give up after N rounds) is the same for both.
/// </summary>
public interface IWorkflowDrafter
{
    /// <summary>The name recorded as <c>generation_model</c>.</summary>
    string Model { get; }

    Task<Draft> DraftAsync(DraftInput input, CancellationToken cancellationToken);

    /// <summary>A new draft from the last one and every problem found in it.</summary>
    Task<Draft> RepairAsync(DraftInput input, Draft previous, IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken);
}

/// <summary>The planner's reading of a prompt, as recorded in the conversation and handed to a model as a hint.</summary>
public sealed record PlanSummary(string? TriggerType, IReadOnlyList<string> Steps, IReadOnlyList<string> NotUnderstood)
{
    internal static PlanSummary From(WorkflowPlan plan) => new(
        plan.Trigger is null ? null : plan.Trigger.Type.ToString().ToLowerInvariant(),
        [.. plan.Steps.Select(s => $"{s.Tool}: {s.Phrase}")],
        plan.Unmapped);
}
