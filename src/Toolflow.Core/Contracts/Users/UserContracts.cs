using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Users;

/// <summary><c>POST /users</c> (administrators): e-mail (unique, case-insensitive), display name and role.</summary>
public sealed record CreateUserRequest(string? Email, string? DisplayName, UserRole? Role) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock) => new RequestChecks()
        .Email("/email", Email)
        .Text("/displayName", DisplayName, 200)
        .Present("/role", Role)
        .Problems;
}

/// <summary><c>PATCH /users/{id}</c>: only the fields given change.</summary>
public sealed record UpdateUserRequest(string? DisplayName, UserRole? Role) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock) => new RequestChecks()
        .Text("/displayName", DisplayName, 200, required: false)
        .Problems;
}

public sealed record UserResource(Guid Id, string Email, string DisplayName, UserRole Role, DateTimeOffset CreatedAt);

/// <summary><c>POST /api-keys</c>: a name, and the user it is for (administrators only; default the caller).</summary>
public sealed record CreateApiKeyRequest(Guid? UserId, string? Name) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock) => new RequestChecks()
        .Uuid("/userId", UserId, required: false)
        .Text("/name", Name, 100)
        .Problems;
}

/// <summary>The answer to creating a user or a key: the key appears here only, never again.</summary>
public sealed record ApiKeyCreatedResponse(Guid Id, string Prefix, string Key);

/// <summary>A key as listed: its prefix identifies it; the secret is never returned.</summary>
public sealed record ApiKeyResource(
    Guid Id, Guid UserId, string Prefix, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
