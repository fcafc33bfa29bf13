using Microsoft.OpenApi;

namespace Toolflow.Server.Hosting;

/// <summary>
/// <c>GET /metrics</c> in the OpenAPI document. The Prometheus exporter maps it as a plain request delegate,
/// which the API explorer does not describe, so the document would leave it out; this writes the one path in.
/// </summary>
internal static class OpenApiMetricsPath
{
    public const string Path = "/metrics";

    public static Task AddAsync(OpenApiDocument document)
    {
        document.Paths ??= [];
        document.Paths[Path] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Metrics",
                    Summary = "Prometheus metrics",
                    Description = "The process's metrics in the Prometheus text format (HTTP server, workers, queue). Anonymous, like /health; keep it off the public network.",
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "Prometheus text exposition format",
                            Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
