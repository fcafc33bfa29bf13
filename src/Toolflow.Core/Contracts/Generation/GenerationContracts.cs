using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Workflows;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Generation;

/// <summary><c>POST /workflows/generate</c>: a plain-language prompt and optional context (known inputs, preferred tools …).</summary>
public sealed record GenerateWorkflowRequest(string? Prompt, JsonNode? Context) : IValidatedRequest
{
    public const int MaxPromptLength = 10_000;

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock) => new RequestChecks()
        .Text("/prompt", Prompt, MaxPromptLength)
        .Problems;
}

/// <summary>The 201 answer: the draft workflow and what the generator could not do.</summary>
public sealed record GenerateWorkflowResponse(WorkflowResource Workflow, GenerationReport Report);

/// <summary>What was not understood, and the to-dos left (missing credentials, placeholders).</summary>
public sealed record GenerationReport(IReadOnlyList<string> NotUnderstood, IReadOnlyList<string> Todos);

/// <summary><c>POST /tools/suggest</c>: requirements in plain words, one per item.</summary>
public sealed record SuggestToolsRequest(IReadOnlyList<string>? Requirements) : IValidatedRequest
{
    public const int MaxRequirements = 20;
    public const int MaxRequirementLength = 500;

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks();
        if (Requirements is null || Requirements.Count == 0)
        {
            checks.Add("/requirements", "give at least one requirement");
            return checks.Problems;
        }

        if (Requirements.Count > MaxRequirements)
        {
            checks.Add("/requirements", $"must have at most {MaxRequirements} items");
        }

        for (var i = 0; i < Requirements.Count; i++)
        {
            checks.Text(JsonPointers.Append("/requirements", i), Requirements[i], MaxRequirementLength);
        }

        return checks.Problems;
    }
}

/// <summary>The answer of <c>/tools/suggest</c>: tools best first, each with a score in [0, 1] and why.</summary>
public sealed record ToolSuggestion(string Name, double Score, string Reason);
