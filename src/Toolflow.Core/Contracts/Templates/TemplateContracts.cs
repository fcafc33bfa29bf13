using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Templates;

/// <summary>
/// <c>POST /templates</c> and <c>PUT /templates/{id}</c>: a definition with <c>{{ params.* }}</c>
/// placeholders and the JSON Schema of its parameters, or <c>fromWorkflowId</c> to copy a workflow.
/// The definition is kept as JSON: a placeholder may stand where the definition wants a number.
/// It is validated as a workflow after instantiation.
/// </summary>
public sealed record TemplateRequest : IValidatedRequest
{
    public const int MaxCategoryLength = 50;

    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public JsonObject? Parameters { get; init; }
    public JsonObject? Definition { get; init; }
    public Guid? FromWorkflowId { get; init; }

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks()
            .Text("/name", Name, WorkflowLimits.MaxNameLength)
            .Text("/description", Description, WorkflowLimits.MaxDescriptionLength, required: false)
            .Text("/category", Category, MaxCategoryLength)
            .Tags("/tags", Tags)
            .JsonSchema("/parameters", Parameters)
            .Uuid("/fromWorkflowId", FromWorkflowId, required: false);
        if (Definition is null && FromWorkflowId is null)
        {
            checks.Add(string.Empty, "give either 'definition' or 'fromWorkflowId'");
        }
        else if (Definition is not null && FromWorkflowId is not null)
        {
            checks.Add("/fromWorkflowId", "give either 'definition' or 'fromWorkflowId', not both");
        }

        return checks.Problems;
    }
}

/// <summary><c>POST /templates/{id}/instantiate</c>: parameter values (checked against the template's schema by the server) and an optional name.</summary>
public sealed record InstantiateTemplateRequest(JsonObject? Parameters, string? Name) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock) => new RequestChecks()
        .Text("/name", Name, WorkflowLimits.MaxNameLength, required: false)
        .Problems;
}

/// <summary><c>POST /templates/{id}/ratings</c>: 1 to 5 stars and an optional comment; one rating per user.</summary>
public sealed record RatingRequest(int? Stars, string? Comment) : IValidatedRequest
{
    public const int MaxCommentLength = 2_000;

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock) => new RequestChecks()
        .Range("/stars", Stars, 1, 5)
        .Text("/comment", Comment, MaxCommentLength, required: false)
        .Problems;
}

public sealed record TemplateResource
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Category { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public JsonObject? Parameters { get; init; }
    public required JsonObject Definition { get; init; }
    public long UsageCount { get; init; }
    public decimal? RatingAvg { get; init; }
    public int RatingCount { get; init; }
    public bool IsPublished { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    /// <summary>Null for the starter templates Toolflow ships (a system author; admins manage them).</summary>
    public Guid? AuthorId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
