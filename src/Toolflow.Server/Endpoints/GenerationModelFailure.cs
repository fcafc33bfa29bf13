using System.Net.Sockets;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// A configured generation model that cannot be reached, times out, or answers with an HTTP error is the upstream's
/// failure, not the server's: 502 problem details naming the model (never its key, URL or the upstream's text, which
/// may echo either) and nothing written — instead of a 500 "the server failed".
/// </summary>
internal static class GenerationModelFailure
{
    public static async Task<(GenerationOutcome? Outcome, ProblemHttpResult? Problem)> RunAsync(
        Func<Task<GenerationOutcome>> generate, IConfiguration configuration, ILogger logger, CancellationToken requestAborted)
    {
        try
        {
            return (await generate(), null);
        }
        catch (Exception ex) when (IsModelFailure(ex, requestAborted))
        {
            var options = GenerationServices.Options(configuration);
            logger.LogWarning(ex, "The generation model {Provider}:{Model} failed", options.Provider, options.Model);
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "Generation model unavailable",
                detail: $"the generation model '{options.Provider.ToLowerInvariant()}:{options.Model}' could not be reached or answered with an error"
                    + (ex is System.ClientModel.ClientResultException { Status: > 0 } http ? $" (HTTP {http.Status})" : string.Empty)
                    + "; nothing was written. Check Generation:BaseUrl and Generation:ApiKey, or use Generation:Provider 'offline'")); // no secret or upstream text
        }
    }

    private static bool IsModelFailure(Exception ex, CancellationToken requestAborted) => ex switch
    {
        HttpRequestException or SocketException or System.ClientModel.ClientResultException => true,
        // A per-call timeout (Generation:TimeoutMs), not the caller hanging up.
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        { InnerException: { } inner } => IsModelFailure(inner, requestAborted),
        _ => false,
    };
}
