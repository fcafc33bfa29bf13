using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Toolflow.Server.Errors;

/// <summary>
/// Turns every exception into RFC 9457 problem details. Bad requests keep their status
/// (400, 413, 415 …); anything else is a 500 that names a trace id and never a stack trace.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageProblems.Map(exception) is { } mapped)
        {
            httpContext.Response.StatusCode = mapped.Status;
            ProblemDetails problem = mapped.Errors is { } errors
                ? new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal))
                : new ProblemDetails();
            problem.Status = mapped.Status;
            problem.Title = mapped.Title;
            problem.Detail = mapped.Detail;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        }

        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", "the request body is larger than this server accepts"),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "send JSON with Content-Type: application/json"),
            BadHttpRequestException bad =>
                (bad.StatusCode, "Bad request", "the request could not be read: malformed JSON or a value of the wrong type"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested =>
                (499, "Client closed request", (string?)null),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "the server failed; the trace id identifies the failure in its log"),
        };

        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, Operations.SecretPaths.Redact(httpContext.Request.Path.Value));
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = null,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
