using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Workflows;
using Toolflow.Core.Validation;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Server.Templates;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

internal static partial class Templates
{
    private static void MapInstantiate(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/instantiate", InstantiateAsync).WithName("InstantiateTemplate")
            .Accepts<Core.Contracts.Templates.InstantiateTemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>
    /// 201 with the new workflow. Bad parameter values: 400, every one at once, keyed
    /// <c>/parameters/&lt;name&gt;</c>. Values that make the template an invalid workflow: 422 keyed
    /// <c>/definition/…</c>. Either way nothing is written; the save itself is one transaction
    /// (workflow, version, template link, usage_count + 1).
    /// </summary>
    private static async Task<Results<Created<WorkflowResource>, ValidationProblem, ProblemHttpResult>> InstantiateAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, WorkflowValidator validator, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.InstantiateTemplateRequest, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var caller = http.User.ToCaller();
        if (await repositories.Templates.GetAsync(caller, id, http.RequestAborted) is not { } template)
        {
            return Problems.NotFound("template");
        }

        var built = TemplateInstantiation.Build(template, request!.Parameters, request.Name?.Trim(), validator);
        if (built.InvalidParameters.Count > 0)
        {
            return Problems.Validation(built.InvalidParameters);
        }

        if (built.Definition is null)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(
                built.InvalidResult.GroupBy(p => p.Pointer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal))
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The template does not make a valid workflow",
                Detail = "with these parameters the template gives an invalid workflow; 'errors' maps each pointer in the definition to what is wrong",
            });
        }

        var created = await repositories.Templates.InstantiateAsync(caller, id, new NewWorkflow(built.Definition), http.RequestAborted);
        await repositories.RecordAsync(http, "template.instantiate", "workflow", created.Id, new System.Text.Json.Nodes.JsonObject { ["templateId"] = id.ToString() });
        return TypedResults.Created($"/api/v1/workflows/{created.Id}", created.ToResource());
    }
}
