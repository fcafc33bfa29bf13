using Microsoft.AspNetCore.Http.HttpResults;
using CoreProblem = Toolflow.Core.Validation.ValidationProblem;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>Problem-details results the handlers answer directly (storage errors go through the exception handler).</summary>
internal static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string what) =>
        Status(StatusCodes.Status404NotFound, "Not found", $"no such {what}, or it is not visible to you");

    /// <summary>400 with <c>errors</c> keyed by JSON pointer (the root is the empty pointer "").</summary>
    public static ValidationProblem Validation(IEnumerable<CoreProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Pointer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
            title: "Invalid request",
            detail: "one or more fields are invalid; 'errors' maps each JSON pointer to what is wrong");

    public static ValidationProblem Validation(string pointer, string message) => Validation([new CoreProblem(pointer, message)]);
}
