using Toolflow.Core.Definitions;
using Toolflow.Storage.Errors;

namespace Toolflow.Storage.Repositories;

/// <summary>
/// The object does not exist, or the caller may not see it: the two are deliberately the same
/// error so the API can answer 404 without telling them apart.
/// </summary>
public sealed class NotFoundException(string objectType, string id)
    : StorageException($"{objectType} '{id}' was not found.")
{
    public string ObjectType { get; } = objectType;

    public string Id { get; } = id;
}

/// <summary>The write conflicts with the object's current state (HTTP 409).</summary>
public class ConflictException(string message) : StorageException(message);

/// <summary>
/// Optimistic concurrency: the caller edited from <see cref="ExpectedVersion"/> but the object is
/// now at <see cref="CurrentVersion"/> (HTTP 412 for an If-Match).
/// </summary>
public sealed class VersionConflictException(string objectType, Guid id, int expectedVersion, int currentVersion)
    : ConflictException($"{objectType} '{id}' is at version {currentVersion}, not {expectedVersion}.")
{
    public Guid Id { get; } = id;

    public int ExpectedVersion { get; } = expectedVersion;

    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>A status change the transition table does not allow, or whose source status moved meanwhile.</summary>
public sealed class IllegalTransitionException(Guid id, ExecutionStatus from, ExecutionStatus to)
    : ConflictException($"Execution '{id}' cannot go from {from} to {to}.")
{
    public Guid Id { get; } = id;

    public ExecutionStatus From { get; } = from;

    public ExecutionStatus To { get; } = to;
}

/// <summary>The caller sees the object but its permission is below what the operation needs (HTTP 403).</summary>
public sealed class InsufficientPermissionException(Guid workflowId, SharePermission required, SharePermission actual)
    : StorageException($"Workflow '{workflowId}' needs '{required}' permission; the caller has '{actual}'.")
{
    public SharePermission Required { get; } = required;

    public SharePermission Actual { get; } = actual;
}

/// <summary>
/// Input the storage layer refuses before writing anything. <see cref="Errors"/> maps a JSON
/// pointer (<c>/name</c>, <c>/credentialId</c>) to what is wrong with it.
/// </summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string> errors)
    : StorageException("Invalid input: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    public static ValidationFailedException For(string pointer, string message) =>
        new(new Dictionary<string, string>(StringComparer.Ordinal) { [pointer] = message });
}

/// <summary>A compare-and-set status change lost: the execution is no longer in <see cref="Expected"/>.</summary>
public sealed class ExecutionStatusConflictException(Guid id, ExecutionStatus expected, ExecutionStatus actual)
    : ConflictException($"Execution '{id}' is {actual}, not {expected}.")
{
    public Guid Id { get; } = id;

    public ExecutionStatus Expected { get; } = expected;

    public ExecutionStatus Actual { get; } = actual;
}

/// <summary>A fenced write found the execution no longer held under the worker's lease token.</summary>
public sealed class LeaseLostException(Guid id)
    : ConflictException($"Execution '{id}' is no longer held under this lease.")
{
    public Guid Id { get; } = id;
}
