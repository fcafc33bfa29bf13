using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Tools;
using Toolflow.Core.Validation;
using Toolflow.Generation.Planning;
using Toolflow.Generation.Suggestions;

namespace Toolflow.Generation.Pipeline;

/// <summary>
/// generate_workflow(prompt, context) as an explicit state machine:
/// understand → retrieve tools → draft → validate → (repair → validate)* → done | failed.
/// Every validation problem of a draft is fed back to the drafter; after
/// <see cref="GeneratorOptions.MaxRepairRounds"/> repairs the generator stops with the last problems.
/// Each transition is recorded in the conversation. A valid draft is then checked against the
/// user's credentials: a credential the user does not have is removed and becomes a to-do.
/// </summary>
public sealed class WorkflowGenerator(IToolCatalog catalog, WorkflowValidator validator, IWorkflowDrafter drafter, TimeProvider clock, GeneratorOptions? options = null)
{
    private readonly GeneratorOptions options = options ?? new GeneratorOptions();
    private readonly ToolSuggester suggester = new(catalog);

    public string Model => drafter.Model;

    public async Task<GenerationOutcome> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var log = new ConversationLog(request.History, clock);
        log.User(request.Prompt);
        var report = new GenerationReportBuilder();
        var state = GenerationStep.Understand;
        PlanSummary? understanding = null;
        IReadOnlyList<ToolDescriptor> tools = [];
        DraftInput? input = null;
        Draft? draft = null;
        IReadOnlyList<ValidationProblem> problems = [];
        WorkflowDefinition? definition = null;
        var attempts = 0;
        string? failure = null;

        while (state is not (GenerationStep.Done or GenerationStep.Failed))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (state)
            {
                case GenerationStep.Understand:
                    understanding = Understand(request);
                    log.Step(state, $"trigger: {understanding.TriggerType ?? (request.Existing is null ? "manual" : "unchanged")}; steps: {(understanding.Steps.Count == 0 ? "none found" : string.Join(" → ", understanding.Steps))}",
                        new JsonObject { ["notUnderstood"] = new JsonArray([.. understanding.NotUnderstood.Select(n => (JsonNode)n)]) });
                    state = GenerationStep.RetrieveTools;
                    break;

                case GenerationStep.RetrieveTools:
                    tools = Retrieve(request, understanding!);
                    log.Step(state, "tools: " + string.Join(", ", tools.Select(t => t.Name)));
                    input = new DraftInput(request, understanding!, tools);
                    state = GenerationStep.Draft;
                    break;

                case GenerationStep.Draft:
                    attempts++;
                    draft = await drafter.DraftAsync(input!, cancellationToken);
                    log.Step(state, $"draft {attempts} by {draft.Model}", new JsonObject { ["attempt"] = attempts, ["definition"] = Snapshot(draft.Json) });
                    state = GenerationStep.Validate;
                    break;

                case GenerationStep.Validate:
                    (definition, problems) = Validate(draft!.Json);
                    if (definition is not null)
                    {
                        log.Step(state, $"draft {attempts} is valid", new JsonObject { ["attempt"] = attempts });
                        state = GenerationStep.Done;
                        break;
                    }

                    log.Step(state, $"draft {attempts} has {problems.Count} problem(s)", new JsonObject
                    {
                        ["attempt"] = attempts,
                        ["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)p.ToString())]),
                    });
                    if (attempts > options.MaxRepairRounds)
                    {
                        failure = $"no valid workflow after {attempts} drafts ({options.MaxRepairRounds} repair rounds)";
                        state = GenerationStep.Failed;
                        break;
                    }

                    state = GenerationStep.Repair;
                    break;

                case GenerationStep.Repair:
                    attempts++;
                    draft = await drafter.RepairAsync(input!, draft!, problems, cancellationToken);
                    log.Step(state, $"draft {attempts} by {draft.Model}, repairing {problems.Count} problem(s)", new JsonObject { ["attempt"] = attempts, ["definition"] = Snapshot(draft.Json) });
                    state = GenerationStep.Validate;
                    break;
            }
        }

        if (drafter is OfflineDrafter offline && offline.LastReport is { } planned)
        {
            foreach (var item in planned.NotUnderstood)
            {
                report.NotMapped(item);
            }

            foreach (var todo in planned.Todos)
            {
                report.Todo(todo);
            }
        }
        else if (understanding is not null)
        {
            foreach (var item in understanding.NotUnderstood)
            {
                report.NotMapped(item);
            }
        }

        if (state == GenerationStep.Failed)
        {
            log.Step(state, failure!, new JsonObject { ["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)p.ToString())]) });
            return new GenerationOutcome
            {
                Succeeded = false,
                Model = drafter.Model,
                Attempts = attempts,
                Conversation = log.Entries,
                NotUnderstood = report.NotUnderstood,
                Todos = report.Todos,
                LastProblems = problems,
                FailureReason = failure,
            };
        }

        definition = CredentialCheck.Apply(definition!, request.Context, report);
        log.Step(GenerationStep.Done, $"workflow '{definition.Name}' with {definition.Nodes.Count} node(s); {report.Todos.Count} to-do(s)",
            new JsonObject { ["todos"] = new JsonArray([.. report.Todos.Select(t => (JsonNode)t)]), ["notUnderstood"] = new JsonArray([.. report.NotUnderstood.Select(t => (JsonNode)t)]) });
        return new GenerationOutcome
        {
            Succeeded = true,
            Definition = definition,
            Model = drafter.Model,
            Attempts = attempts,
            Conversation = log.Entries,
            NotUnderstood = report.NotUnderstood,
            Todos = report.Todos,
        };
    }

    private static PlanSummary Understand(GenerationRequest request)
    {
        try
        {
            return PlanSummary.From(PromptPlanner.Understand(request.Prompt, request.Context, new GenerationReportBuilder(), request.Existing is not null));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return new PlanSummary(null, [], [$"the planner could not read this prompt ({ex.GetType().Name})"]);
        }
    }

    private List<ToolDescriptor> Retrieve(GenerationRequest request, PlanSummary understanding)
    {
        // The planner's steps are certain; retrieval adds the next best tools for the prompt as a whole.
        var named = understanding.Steps.Select(s => s.Split(':')[0]).Distinct(StringComparer.Ordinal).ToList();
        var ranked = suggester.Suggest([request.Prompt]).Select(s => s.Name);
        return [.. named.Concat(ranked).Distinct(StringComparer.Ordinal).Take(Math.Max(options.RetrievedTools, named.Count)).Select(n => catalog.Find(n)).OfType<ToolDescriptor>()];
    }

    private (WorkflowDefinition? Definition, IReadOnlyList<ValidationProblem> Problems) Validate(string json)
    {
        var result = validator.Validate(json);
        return result.Outcome switch
        {
            ValidationOutcome.Valid => (result.Definition, []),
            ValidationOutcome.Malformed => (null, [new ValidationProblem(string.Empty, $"the answer is not JSON: {result.MalformedReason}")]),
            _ => (null, result.Problems),
        };
    }

    private static JsonNode Snapshot(string json)
    {
        try
        {
            return JsonNode.Parse(json) ?? JsonValue.Create(json)!;
        }
        catch (JsonException)
        {
            return JsonValue.Create(json.Length > 2000 ? json[..2000] + "…" : json)!;
        }
    }
}
