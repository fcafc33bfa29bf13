using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Storage.Migrations;

namespace Toolflow.Server.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers and its schema is current).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Operations");
        group.MapGet("/live", Live).WithName("Live");
        group.MapGet("/ready", ReadyAsync).WithName("Ready");
        return app;
    }

    private static Ok<HealthReport> Live() => TypedResults.Ok(new HealthReport("live", null));

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> ReadyAsync(Migrator migrator, CancellationToken cancellationToken)
    {
        SchemaStatus status;
        try
        {
            status = await migrator.GetStatusAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Database unavailable", detail: "the database did not answer");
        }

        return status.IsCurrent
            ? TypedResults.Ok(new HealthReport("ready", status.CurrentVersion))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Schema is not current",
                detail: $"the database schema is at version {status.CurrentVersion}, the code expects {status.LatestKnownVersion}");
    }

    internal sealed record HealthReport(string Status, int? SchemaVersion);
}
