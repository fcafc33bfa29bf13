using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Shares;

/// <summary>
/// <c>POST /workflows/{id}/shares</c>: with a person (<c>userId</c> or <c>email</c>, any permission)
/// or a public link (<c>public: true</c>, permission view or execute). Exactly one of the three.
/// </summary>
public sealed record CreateShareRequest : IValidatedRequest
{
    public Guid? UserId { get; init; }
    public string? Email { get; init; }
    public bool? Public { get; init; }
    public SharePermission? Permission { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }

    public bool IsPublicLink => Public == true;

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks()
            .Present("/permission", Permission)
            .Uuid("/userId", UserId, required: false)
            // Only looked up, never stored: an address that names nobody answers "names no user"; a format check
            // here refused the bootstrap administrator's own admin@localhost.
            .Text("/email", Email, 320, required: false)
            .InFuture("/expiresAt", ExpiresAt, clock);
        var grantees = (UserId is null ? 0 : 1) + (Email is null ? 0 : 1) + (IsPublicLink ? 1 : 0);
        if (grantees == 0)
        {
            checks.Add(string.Empty, "give one of 'userId', 'email' or \"public\": true");
        }
        else if (grantees > 1)
        {
            checks.Add(string.Empty, "give only one of 'userId', 'email' or \"public\": true");
        }

        if (IsPublicLink && Permission is not (null or SharePermission.View or SharePermission.Execute))
        {
            checks.Add("/permission", "a public link may only grant 'view' or 'execute'");
        }

        return checks.Problems;
    }
}

/// <summary>A share as listed. <see cref="Token"/> is set only in the answer that created a public link.</summary>
public sealed record ShareResource
{
    public required Guid Id { get; init; }
    public required Guid WorkflowId { get; init; }
    public Guid? UserId { get; init; }

    /// <summary>The person's e-mail and display name, so a list of shares says who they are (null for a link, or a deleted user).</summary>
    public string? UserEmail { get; init; }

    public string? UserDisplayName { get; init; }

    public bool Public { get; init; }
    public string? TokenPrefix { get; init; }
    public string? Token { get; init; }
    public required SharePermission Permission { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public required Guid CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public long AccessCount { get; init; }
    public DateTimeOffset? LastAccessedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>
/// <c>GET /shared/{token}</c>: the workflow as a public link shows it — its definition with credential
/// references, tool-instance ids, the webhook id and secret-looking config values removed, and no owner.
/// </summary>
public sealed record SharedWorkflowResource
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public TriggerDefinition? Trigger { get; init; }
    public System.Text.Json.Nodes.JsonObject? InputSchema { get; init; }
    public IReadOnlyList<NodeDefinition> Nodes { get; init; } = [];
    public IReadOnlyList<EdgeDefinition> Edges { get; init; } = [];
    public required SharePermission Permission { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>
/// A run started through a public link, as its holder may read it (<c>GET /shared/{token}/runs/{runToken}</c>):
/// the status and, once it ended, the output or the error. No input, node outputs, node configs or owner.
/// </summary>
public sealed record SharedRunResource
{
    public required Guid Id { get; init; }
    public required ExecutionStatus Status { get; init; }
    public System.Text.Json.Nodes.JsonNode? Output { get; init; }
    public Executions.ExecutionError? Error { get; init; }
    public int TotalSteps { get; init; }
    public int StepsCompleted { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}
