using Toolflow.Core.Definitions;

namespace Toolflow.Core.Validation;

public enum ValidationOutcome
{
    /// <summary>The definition passed every rule and deserialised.</summary>
    Valid,

    /// <summary>JSON, but with problems in the definition (exit code 1).</summary>
    Invalid,

    /// <summary>Not JSON at all (exit code 2): there is nothing to point into.</summary>
    Malformed,
}

/// <summary>The answer of <see cref="WorkflowValidator"/>: every problem at once, or the definition.</summary>
public sealed class WorkflowValidationResult
{
    private WorkflowValidationResult(ValidationOutcome outcome, IReadOnlyList<ValidationProblem> problems, string? malformedReason, WorkflowDefinition? definition)
    {
        Outcome = outcome;
        Problems = problems;
        MalformedReason = malformedReason;
        Definition = definition;
    }

    public ValidationOutcome Outcome { get; }

    public bool IsValid => Outcome == ValidationOutcome.Valid;

    /// <summary>Problems ordered by where they sit in the document; empty unless <see cref="ValidationOutcome.Invalid"/>.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    /// <summary>Why the text is not JSON, when <see cref="ValidationOutcome.Malformed"/>.</summary>
    public string? MalformedReason { get; }

    /// <summary>The deserialised definition, when <see cref="ValidationOutcome.Valid"/>.</summary>
    public WorkflowDefinition? Definition { get; }

    public static WorkflowValidationResult Valid(WorkflowDefinition definition) =>
        new(ValidationOutcome.Valid, [], null, definition);

    public static WorkflowValidationResult Invalid(IEnumerable<ValidationProblem> problems) =>
        new(ValidationOutcome.Invalid, [.. problems.Distinct().OrderBy(p => p.Pointer, PointerComparer.Instance)], null, null);

    public static WorkflowValidationResult Malformed(string reason) =>
        new(ValidationOutcome.Malformed, [], reason, null);
}
