using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.ToolInstances;
using Toolflow.Core.Tools;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.ToolInstances;

namespace Toolflow.Server.Endpoints;

/// <summary><c>/api/v1/tool-instances</c>: configured tools, owned by one user (admins may read).</summary>
internal static class ToolInstances
{
    public static IEndpointRouteBuilder MapToolInstances(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tool-instances").WithTags("Tool instances").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).WithName("CreateToolInstance").Accepts<ToolInstanceRequest>("application/json");
        group.MapGet("/", ListAsync).WithName("ListToolInstances");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetToolInstance");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateToolInstance").Accepts<ToolInstanceRequest>("application/json");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteToolInstance");
        return app;
    }

    private static async Task<Results<Created<ToolInstanceResource>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ToolflowRepositories repositories, IToolCatalog catalog, ApiOptions api, TimeProvider clock)
    {
        var (input, problem) = await ReadAsync(http, catalog, api, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var created = await repositories.ToolInstances.CreateAsync(http.User.ToCaller(), input!, http.RequestAborted);
        await repositories.RecordAsync(http, "tool-instance.create", "tool_instance", created.Id);
        return TypedResults.Created($"/api/v1/tool-instances/{created.Id}", created.ToResource());
    }

    private static async Task<Ok<ListResponse<ToolInstanceResource>>> ListAsync(HttpContext http, ToolflowRepositories repositories, string? tool, Guid? workflowId)
    {
        var items = await repositories.ToolInstances.ListAsync(http.User.ToCaller(), tool, workflowId, http.RequestAborted);
        return TypedResults.Ok(new ListResponse<ToolInstanceResource>([.. items.Select(i => i.ToResource())], null));
    }

    private static async Task<Results<Ok<ToolInstanceResource>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var found = await repositories.ToolInstances.GetAsync(http.User.ToCaller(), id, http.RequestAborted);
        return found is null ? Problems.NotFound("tool instance") : TypedResults.Ok(found.ToResource());
    }

    private static async Task<Results<Ok<ToolInstanceResource>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, IToolCatalog catalog, ApiOptions api, TimeProvider clock)
    {
        var (input, problem) = await ReadAsync(http, catalog, api, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var updated = await repositories.ToolInstances.UpdateAsync(http.User.ToCaller(), id, input!, http.RequestAborted);
        await repositories.RecordAsync(http, "tool-instance.update", "tool_instance", id);
        return TypedResults.Ok(updated.ToResource());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        if (!await repositories.ToolInstances.DeleteAsync(http.User.ToCaller(), id, http.RequestAborted))
        {
            return Problems.NotFound("tool instance");
        }

        await repositories.RecordAsync(http, "tool-instance.delete", "tool_instance", id);
        return TypedResults.NoContent();
    }

    private static async Task<(ToolInstanceInput? Input, IResult? Problem)> ReadAsync(HttpContext http, IToolCatalog catalog, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.ToolInstanceRequest, clock);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (catalog.Find(request!.Tool!) is not { } tool)
        {
            return (null, Problems.Validation("/tool", $"there is no tool '{request.Tool}' (GET /api/v1/tools lists them)"));
        }

        if (ToolInstanceConfig.Check(tool, request.Config) is { Count: > 0 } problems)
        {
            return (null, Problems.Validation(problems));
        }

        return (new ToolInstanceInput(request.Tool!, request.Name!) { Config = request.Config, CredentialId = request.CredentialId, WorkflowId = request.WorkflowId }, null);
    }
}
