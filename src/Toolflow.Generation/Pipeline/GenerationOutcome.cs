using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;

namespace Toolflow.Generation.Pipeline;

/// <summary>
/// The end of one generation: a valid definition, or a failure with the problems of the last draft.
/// <see cref="Conversation"/> is the whole history (earlier turns included) to store as
/// <c>generation_conversation</c>; <see cref="Attempts"/> counts drafts (first draft plus repairs).
/// </summary>
public sealed record GenerationOutcome
{
    public required bool Succeeded { get; init; }

    public WorkflowDefinition? Definition { get; init; }

    public required string Model { get; init; }

    public required int Attempts { get; init; }

    public required JsonArray Conversation { get; init; }

    public required IReadOnlyList<string> NotUnderstood { get; init; }

    public required IReadOnlyList<string> Todos { get; init; }

    /// <summary>Why the last draft was refused, when <see cref="Succeeded"/> is false.</summary>
    public IReadOnlyList<ValidationProblem> LastProblems { get; init; } = [];

    public string? FailureReason { get; init; }
}
