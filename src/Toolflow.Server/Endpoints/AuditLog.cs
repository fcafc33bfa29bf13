using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts.Audit;
using Toolflow.Core.Contracts.Common;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Audit;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>GET /api/v1/audit-log</c> (administrators only): who did what to which object, when and from where, newest
/// first; by <c>actorId</c>, or by <c>objectType</c> with <c>objectId</c>, each walking its own index.
/// </summary>
internal static class AuditLog
{
    public static IEndpointRouteBuilder MapAuditLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit-log", ListAsync).WithTags("Audit").WithName("ListAuditLog").RequireAuthorization(AuthSetup.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<ListResponse<AuditEntryResource>>, ValidationProblem>> ListAsync(
        HttpContext http, ToolflowRepositories repositories, string? actorId, string? objectType, string? objectId, string? cursor, string? limit)
    {
        var problems = new List<Core.Validation.ValidationProblem>();
        Guid? actor = null;
        if (actorId is not null)
        {
            if (Guid.TryParse(actorId, out var parsed))
            {
                actor = parsed;
            }
            else
            {
                problems.Add(new("/actorId", "must be a user id"));
            }
        }

        if ((objectType is null) != (objectId is null))
        {
            problems.Add(new(objectType is null ? "/objectType" : "/objectId", "objectType and objectId go together"));
        }

        if (actor is not null && objectType is not null)
        {
            problems.Add(new("/actorId", "filter by actorId or by objectType and objectId, not both"));
        }

        var size = QueryText.Limit(limit, problems);

        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        var audit = repositories.Audit;
        var page = actor is { } who ? await audit.ListByActorAsync(who, cursor, size, http.RequestAborted)
            : objectType is not null ? await audit.ListByObjectAsync(objectType, objectId!, cursor, size, http.RequestAborted)
            : await audit.ListAllAsync(cursor, size, http.RequestAborted);
        return TypedResults.Ok(new ListResponse<AuditEntryResource>([.. page.Items.Select(ToResource)], page.NextCursor));
    }

    private static AuditEntryResource ToResource(AuditEntry e) => new()
    {
        Id = e.Id,
        OccurredAt = e.OccurredAt,
        ActorUserId = e.ActorUserId,
        ActorLabel = e.ActorLabel,
        Action = e.Action,
        ObjectType = e.ObjectType,
        ObjectId = e.ObjectId,
        IpAddress = e.IpAddress,
        UserAgent = e.UserAgent,
        Details = e.Details,
    };
}
