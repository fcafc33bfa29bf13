using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Users;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Endpoints;

/// <summary><c>/api/v1/api-keys</c>: a user's own keys; administrators may name any user. The key is in the create answer only.</summary>
internal static class ApiKeys
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api-keys").WithTags("API keys").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).WithName("CreateApiKey").Accepts<CreateApiKeyRequest>("application/json").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", ListAsync).WithName("ListApiKeys").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey");
        return app;
    }

    private static async Task<Results<Created<ApiKeyCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.CreateApiKeyRequest, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var caller = http.User.ToCaller();
        var userId = request!.UserId ?? caller.UserId;
        if (userId != caller.UserId)
        {
            if (!caller.IsAdmin)
            {
                return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "only administrators create keys for other users");
            }

            if (await repositories.Users.GetAsync(userId, http.RequestAborted) is null)
            {
                return Problems.Validation("/userId", "there is no such user");
            }
        }

        var key = ApiKeyFormat.Generate();
        var created = await repositories.ApiKeys.CreateAsync(userId, request.Name!, key.Prefix, key.Hash, http.RequestAborted);
        await repositories.RecordAsync(http, "api-key.create", "api_key", created.Id, new() { ["userId"] = userId.ToString(), ["prefix"] = key.Prefix });
        return TypedResults.Created($"/api/v1/api-keys/{created.Id}", new ApiKeyCreatedResponse(created.Id, key.Prefix, key.Key));
    }

    /// <summary>The caller's keys, or (administrators) those of <c>?userId=</c>.</summary>
    private static async Task<Results<Ok<ListResponse<ApiKeyResource>>, ProblemHttpResult>> ListAsync(HttpContext http, ToolflowRepositories repositories, Guid? userId)
    {
        var caller = http.User.ToCaller();
        if (userId is { } other && other != caller.UserId && !caller.IsAdmin)
        {
            // As POST answers for another user: an empty list would read as "that user has no keys".
            return Problems.Status(StatusCodes.Status403Forbidden, "Forbidden", "only administrators list keys of other users");
        }

        var keys = await repositories.ApiKeys.ListAsync(caller, userId ?? caller.UserId, http.RequestAborted);
        return TypedResults.Ok(new ListResponse<ApiKeyResource>([.. keys.Select(k => k.ToResource())], null));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        if (!await repositories.ApiKeys.RevokeAsync(http.User.ToCaller(), id, http.RequestAborted))
        {
            return Problems.NotFound("API key");
        }

        await repositories.RecordAsync(http, "api-key.revoke", "api_key", id);
        return TypedResults.NoContent();
    }
}
