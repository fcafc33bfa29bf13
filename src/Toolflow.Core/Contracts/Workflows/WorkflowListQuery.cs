using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Workflows;

/// <summary><c>GET /workflows</c> filters: status, tag, trigger type, q, owner=me|shared, sort, cursor and limit.</summary>
public sealed record WorkflowListQuery : IValidatedRequest
{
    public static readonly IReadOnlyList<string> Sorts = ["updatedAt", "-updatedAt", "createdAt", "-createdAt", "name", "-name", "lastExecutedAt", "-lastExecutedAt"];

    public WorkflowStatus? Status { get; init; }
    public string? Tag { get; init; }
    public TriggerType? TriggerType { get; init; }
    public string? Q { get; init; }
    public string? Owner { get; init; }
    public string? Sort { get; init; }
    public string? Cursor { get; init; }
    public int? Limit { get; init; }

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks()
            .Text("/tag", Tag, WorkflowLimits.MaxTagLength, required: false)
            .Text("/q", Q, 200, required: false)
            .Text("/cursor", Cursor, 500, required: false)
            .Range("/limit", Limit, 1, PageRequest.MaxLimit, required: false);
        if (Owner is not null and not ("me" or "shared"))
        {
            checks.Add("/owner", "must be 'me' or 'shared'");
        }

        if (Sort is not null && !Sorts.Contains(Sort))
        {
            checks.Add("/sort", $"must be one of {string.Join(", ", Sorts)}");
        }

        return checks.Problems;
    }
}
