using System.Text.Json.Nodes;
using Toolflow.Core.Validation;
using Toolflow.Generation.Planning;

namespace Toolflow.Generation.Pipeline;

/// <summary>
/// The default drafter: no model, the rule-based planner. Its repair is mechanical — a node, edge or
/// trigger a problem points at is dropped (edges around a dropped node are bridged) and reported —
/// so the loop always ends in a valid definition, with what was dropped in the report.
/// </summary>
public sealed class OfflineDrafter : IWorkflowDrafter
{
    public const string Name = "offline-planner";

    public string Model => Name;

    public Task<Draft> DraftAsync(DraftInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var report = new GenerationReportBuilder();
        LastReport = report;
        WorkflowPlan plan;
        try
        {
            plan = PromptPlanner.Understand(input.Request.Prompt, input.Request.Context, report, input.Request.Existing is not null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            // A prompt the rules trip over still gets an answer: an empty draft that says so.
            report.NotMapped($"the planner could not read this prompt ({ex.GetType().Name})");
            plan = new WorkflowPlan(null, [], [], [], false);
        }

        foreach (var unmapped in plan.Unmapped)
        {
            report.NotMapped(unmapped);
        }

        var definition = DefinitionWriter.Write(plan, input.Request.Prompt, input.Request.Context, report, input.Request.Existing);
        return Task.FromResult(new Draft(definition.ToJsonString(), Name));
    }

    public Task<Draft> RepairAsync(DraftInput input, Draft previous, IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(problems);
        var definition = JsonNode.Parse(previous.Json)!.AsObject();
        foreach (var dropped in ProblemPruner.Prune(definition, problems))
        {
            LastReport?.NotMapped(dropped);
        }

        return Task.FromResult(new Draft(definition.ToJsonString(), Name));
    }

    /// <summary>The to-dos and unmapped phrases of the last draft (the generator merges them into its report).</summary>
    internal GenerationReportBuilder? LastReport { get; private set; }
}
