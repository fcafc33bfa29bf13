using Toolflow.Storage.Errors;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Errors;

/// <summary>
/// The one place repository errors become HTTP statuses (docs/repositories.md). Handlers let them
/// propagate; the exception handler writes the problem. Messages from storage name ids only, never secrets.
/// </summary>
internal static class StorageProblems
{
    public sealed record Mapped(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string>? Errors = null);

    public static Mapped? Map(Exception exception) => exception switch
    {
        NotFoundException => new(StatusCodes.Status404NotFound, "Not found", "no such object, or it is not visible to you"),
        ValidationFailedException invalid => new(StatusCodes.Status400BadRequest, "Invalid request", "one or more fields are invalid", invalid.Errors),
        InsufficientPermissionException denied => new(
            StatusCodes.Status403Forbidden, "Forbidden", $"this needs '{denied.Required.ToString().ToLowerInvariant()}' permission; you have '{denied.Actual.ToString().ToLowerInvariant()}'"),
        VersionConflictException stale => new(
            StatusCodes.Status412PreconditionFailed, "Version conflict", $"the workflow is at version {stale.CurrentVersion}, not {stale.ExpectedVersion}; fetch it and retry"),
        IllegalTransitionException illegal => new(
            StatusCodes.Status409Conflict, "Conflict", $"the execution is {illegal.From.ToString().ToLowerInvariant()} and cannot become {illegal.To.ToString().ToLowerInvariant()}"),
        Toolflow.Storage.Triggers.TriggerLoopException loop => new(
            StatusCodes.Status422UnprocessableEntity, "Invalid trigger", loop.Message, new Dictionary<string, string> { ["/trigger"] = loop.Message }),
        ConflictException conflict => new(StatusCodes.Status409Conflict, "Conflict", conflict.Message),
        Toolflow.Core.Execution.ExecutionStateConflictException state => new(StatusCodes.Status409Conflict, "Conflict", state.Message),
        ConstraintViolationException => new(StatusCodes.Status409Conflict, "Conflict", "the change conflicts with existing data (a duplicate name or e-mail, or the object is still in use)"),
        _ => null,
    };
}
