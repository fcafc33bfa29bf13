using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Shares;
using Toolflow.Core.Sharing;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>/api/v1/workflows/{id}/shares</c>: share with a person (by id or e-mail) or create a public link
/// (its token is in the 201 answer and never again); list; revoke. Only the owner, admins and
/// <c>admin</c> grantees may share (<see cref="WorkflowAction.Share"/>), and nobody grants more than they hold.
/// </summary>
internal static class Shares
{
    public static IEndpointRouteBuilder MapShares(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/workflows/{id:guid}/shares").WithTags("Sharing").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateAsync).WithName("CreateShare").Accepts<CreateShareRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", ListAsync).WithName("ListShares");
        group.MapDelete("/{shareId:guid}", RevokeAsync).WithName("RevokeShare");
        return app;
    }

    private static async Task<Results<Created<ShareResource>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var caller = http.User.ToCaller();
        if (await repositories.Workflows.GetAsync(caller, id, http.RequestAborted) is not { } workflow)
        {
            return Problems.NotFound("workflow");
        }

        Permissions.Demand(workflow, WorkflowAction.Share);
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.CreateShareRequest, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var permission = request!.Permission!.Value;
        if (permission > workflow.Permission)
        {
            return Problems.Validation("/permission", $"you hold '{EnumName(workflow.Permission)}' and cannot grant more");
        }

        if (request.IsPublicLink)
        {
            var link = await repositories.Shares.CreatePublicLinkAsync(caller, id, permission, request.ExpiresAt, http.RequestAborted);
            await repositories.RecordAsync(http, "share.link.create", "workflow", id, new System.Text.Json.Nodes.JsonObject { ["shareId"] = link.Share.Id.ToString(), ["prefix"] = link.Share.TokenPrefix });
            return TypedResults.Created($"/api/v1/workflows/{id}/shares/{link.Share.Id}", link.Share.ToResource(link.Token));
        }

        var grantee = request.UserId is { } userId
            ? await repositories.Users.GetAsync(userId, http.RequestAborted)
            : await repositories.Users.GetByEmailAsync(request.Email!, http.RequestAborted);
        if (grantee is null || grantee.Id == workflow.OwnerId)
        {
            // Named at the field the caller sent (storage only knows user ids).
            return Problems.Validation(request.UserId is null ? "/email" : "/userId", grantee is null ? "names no user" : "is the workflow's owner");
        }

        var share = await repositories.Shares.GrantAsync(caller, id, grantee.Id, permission, request.ExpiresAt, http.RequestAborted);
        await repositories.RecordAsync(http, "share.grant", "workflow", id, new System.Text.Json.Nodes.JsonObject { ["shareId"] = share.Id.ToString(), ["userId"] = grantee.Id.ToString() });
        return TypedResults.Created($"/api/v1/workflows/{id}/shares/{share.Id}", share.ToResource(grantee: grantee));
    }

    private static async Task<Ok<ListResponse<ShareResource>>> ListAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var shares = await repositories.Shares.ListAsync(http.User.ToCaller(), id, http.RequestAborted);
        // A workflow has a handful of shares: one indexed read per person says who each one is.
        var people = new Dictionary<Guid, Storage.Repositories.Users.UserRecord?>();
        foreach (var userId in shares.Select(s => s.GranteeUserId).OfType<Guid>().Distinct())
        {
            people[userId] = await repositories.Users.GetAsync(userId, http.RequestAborted);
        }

        return TypedResults.Ok(new ListResponse<ShareResource>(
            [.. shares.Select(s => s.ToResource(grantee: s.GranteeUserId is { } u ? people[u] : null))], null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, Guid shareId, HttpContext http, ToolflowRepositories repositories)
    {
        if (!await repositories.Shares.RevokeAsync(http.User.ToCaller(), id, shareId, http.RequestAborted))
        {
            return Problems.NotFound("share");
        }

        await repositories.RecordAsync(http, "share.revoke", "workflow", id, new System.Text.Json.Nodes.JsonObject { ["shareId"] = shareId.ToString() });
        return TypedResults.NoContent();
    }

    private static string EnumName(Core.Definitions.SharePermission permission) => permission.ToString().ToLowerInvariant();
}
