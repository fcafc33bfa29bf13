using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Credentials;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Credentials;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>/api/v1/credentials</c>: secrets are write-only. No response carries <c>data</c>, and the audit
/// entry records that a secret changed, never its value.
/// </summary>
internal static class Credentials
{
    public static IEndpointRouteBuilder MapCredentials(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/credentials").WithTags("Credentials").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).WithName("CreateCredential").Accepts<CreateCredentialRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListCredentials");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCredential");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateCredential").Accepts<UpdateCredentialRequest>("application/json");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCredential");
        return app;
    }

    private static async Task<Results<Created<CredentialResource>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.CreateCredentialRequest, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var created = await repositories.Credentials.CreateAsync(http.User.ToCaller(), request!.Name!, request.Type!, request.Data!, request.Hosts ?? [], http.RequestAborted);
        await repositories.RecordAsync(http, "credential.create", "credential", created.Id);
        return TypedResults.Created($"/api/v1/credentials/{created.Id}", created.ToResource());
    }

    private static async Task<Ok<ListResponse<CredentialResource>>> ListAsync(HttpContext http, ToolflowRepositories repositories)
    {
        var items = await repositories.Credentials.ListAsync(http.User.ToCaller(), http.RequestAborted);
        return TypedResults.Ok(new ListResponse<CredentialResource>([.. items.Select(c => c.ToResource())], null));
    }

    private static async Task<Results<Ok<CredentialResource>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var found = await repositories.Credentials.GetAsync(http.User.ToCaller(), id, http.RequestAborted);
        return found is null ? Problems.NotFound("credential") : TypedResults.Ok(found.ToResource());
    }

    private static async Task<Results<Ok<CredentialResource>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.UpdateCredentialRequest, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var updated = await repositories.Credentials.UpdateAsync(
            http.User.ToCaller(), id, new CredentialUpdate { Name = request!.Name, Secret = request.Data, Hosts = request.Hosts }, http.RequestAborted);
        await repositories.RecordAsync(http, "credential.update", "credential", id, new() { ["secretReplaced"] = request.Data is not null, ["hostsChanged"] = request.Hosts is not null });
        return TypedResults.Ok(updated.ToResource());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        if (!await repositories.Credentials.DeleteAsync(http.User.ToCaller(), id, http.RequestAborted))
        {
            return Problems.NotFound("credential");
        }

        await repositories.RecordAsync(http, "credential.delete", "credential", id);
        return TypedResults.NoContent();
    }
}
