using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Users;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Endpoints;

/// <summary><c>/api/v1/users</c> (administrators only): creating a user also creates their first key, shown once.</summary>
internal static class Users
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/users").WithTags("Users").RequireAuthorization(AuthSetup.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", CreateAsync).WithName("CreateUser").Accepts<CreateUserRequest>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListUsers");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetUser");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteUser").ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>Answers <c>{id, prefix, key}</c>: <c>id</c> is the new user's, the key their first one.</summary>
    private static async Task<Results<Created<ApiKeyCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.CreateUserRequest, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var user = await repositories.Users.CreateAsync(request!.Email!, request.DisplayName!, request.Role!.Value, http.RequestAborted);
        var key = ApiKeyFormat.Generate();
        await repositories.ApiKeys.CreateAsync(user.Id, "default", key.Prefix, key.Hash, http.RequestAborted);
        await repositories.RecordAsync(http, "user.create", "user", user.Id);
        return TypedResults.Created($"/api/v1/users/{user.Id}", new ApiKeyCreatedResponse(user.Id, key.Prefix, key.Key));
    }

    private static async Task<Results<Ok<ListResponse<UserResource>>, ValidationProblem>> ListAsync(
        ToolflowRepositories repositories, string? cursor, string? limit, CancellationToken cancellationToken)
    {
        int? size = null;
        if (limit is not null)
        {
            if (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > PageRequest.MaxLimit)
            {
                return Problems.Validation("/limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}");
            }

            size = n;
        }

        var page = await repositories.Users.ListAsync(cursor, size, cancellationToken);
        return TypedResults.Ok(new ListResponse<UserResource>([.. page.Items.Select(u => u.ToResource())], page.NextCursor));
    }

    private static async Task<Results<Ok<UserResource>, ProblemHttpResult>> GetAsync(Guid id, ToolflowRepositories repositories, CancellationToken cancellationToken)
    {
        var user = await repositories.Users.GetAsync(id, cancellationToken);
        return user is null ? Problems.NotFound("user") : TypedResults.Ok(user.ToResource());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        if (http.User.ToCaller().UserId == id)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Conflict", "you cannot delete yourself");
        }

        if (!await repositories.Users.DeleteAsync(id, http.RequestAborted))
        {
            return Problems.NotFound("user");
        }

        await repositories.RecordAsync(http, "user.delete", "user", id);
        return TypedResults.NoContent();
    }
}
