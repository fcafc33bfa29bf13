using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Templates;
using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;
using Toolflow.Core.Templates;
using Toolflow.Core.Validation;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Templates;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>/api/v1/templates</c>: CRUD, listing, publication and ratings. Unpublished templates are
/// visible only to their author (and admins); everything else answers 404. Instantiation is in
/// <c>Templates.Instantiate.cs</c>.
/// </summary>
internal static partial class Templates
{
    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/templates").WithTags("Templates").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).WithName("CreateTemplate").Accepts<TemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).WithName("ListTemplates");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTemplate").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateTemplate").Accepts<TemplateRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTemplate").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/publish", PublishAsync).WithName("PublishTemplate").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/unpublish", UnpublishAsync).WithName("UnpublishTemplate").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/ratings", RateAsync).WithName("RateTemplate").Accepts<RatingRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        MapInstantiate(group);
        return app;
    }

    private static async Task<Results<Created<TemplateResource>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (input, problem) = await ReadInputAsync(http, repositories, api, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var created = await repositories.Templates.CreateAsync(http.User.ToCaller(), input!, http.RequestAborted);
        await repositories.RecordAsync(http, "template.create", "template", created.Id);
        return TypedResults.Created($"/api/v1/templates/{created.Id}", created.ToResource());
    }

    private static async Task<Results<Ok<ListResponse<TemplateResource>>, ValidationProblem>> ListAsync(
        HttpContext http, ToolflowRepositories repositories,
        string? category, string? tag, string? q, string? published, string? author, string? sort, string? cursor, string? limit)
    {
        var caller = http.User.ToCaller();
        var (query, problems) = TemplateListParameters.Parse(caller, category, tag, q, published, author, sort, cursor, limit);
        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        var page = await repositories.Templates.ListAsync(caller, query, http.RequestAborted);
        return TypedResults.Ok(new ListResponse<TemplateResource>([.. page.Items.Select(t => t.ToResource())], page.NextCursor));
    }

    private static async Task<Results<Ok<TemplateResource>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, ToolflowRepositories repositories) =>
        await repositories.Templates.GetAsync(http.User.ToCaller(), id, http.RequestAborted) is { } template
            ? TypedResults.Ok(template.ToResource())
            : Problems.NotFound("template");

    private static async Task<Results<Ok<TemplateResource>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        // A template the caller cannot change is 404 before the body is even judged.
        var caller = http.User.ToCaller();
        if (await repositories.Templates.GetAsync(caller, id, http.RequestAborted) is not { } current || !MayChange(caller, current))
        {
            return Problems.NotFound("template");
        }

        var (input, problem) = await ReadInputAsync(http, repositories, api, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var updated = await repositories.Templates.UpdateAsync(caller, id, input!, http.RequestAborted);
        await repositories.RecordAsync(http, "template.update", "template", id);
        return TypedResults.Ok(updated.ToResource());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        if (!await repositories.Templates.DeleteAsync(http.User.ToCaller(), id, http.RequestAborted))
        {
            return Problems.NotFound("template");
        }

        await repositories.RecordAsync(http, "template.delete", "template", id);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TemplateResource>> PublishAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var published = await repositories.Templates.PublishAsync(http.User.ToCaller(), id, http.RequestAborted);
        await repositories.RecordAsync(http, "template.publish", "template", id);
        return TypedResults.Ok(published.ToResource());
    }

    private static async Task<Ok<TemplateResource>> UnpublishAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var unpublished = await repositories.Templates.UnpublishAsync(http.User.ToCaller(), id, http.RequestAborted);
        await repositories.RecordAsync(http, "template.unpublish", "template", id);
        return TypedResults.Ok(unpublished.ToResource());
    }

    /// <summary>One rating per user (a second replaces the first); 200 with the template's new average and count.</summary>
    private static async Task<Results<Ok<TemplateResource>, ValidationProblem, ProblemHttpResult>> RateAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.RatingRequest, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem v => v, _ => (ProblemHttpResult)problem };
        }

        var rated = await repositories.Templates.RateAsync(http.User.ToCaller(), id, request!.Stars!.Value, request.Comment, http.RequestAborted);
        await repositories.RecordAsync(http, "template.rate", "template", id);
        return TypedResults.Ok(rated.ToResource());
    }

    private static bool MayChange(Caller caller, TemplateRecord template) => caller.IsAdmin || template.AuthorId == caller.UserId;

    /// <summary>
    /// The body as a template input: its definition (or a copy of the named workflow's, which needs
    /// edit permission on it) and a parameter schema that declares every placeholder the definition uses.
    /// </summary>
    private static async Task<(TemplateInput? Input, IResult? Problem)> ReadInputAsync(
        HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.TemplateRequest, clock);
        if (problem is not null)
        {
            return (null, problem);
        }

        var definition = request!.Definition;
        if (request.FromWorkflowId is { } workflowId)
        {
            var workflow = await repositories.Workflows.GetAsync(http.User.ToCaller(), workflowId, http.RequestAborted);
            if (workflow is null)
            {
                return (null, Problems.NotFound("workflow"));
            }

            Permissions.Demand(workflow, WorkflowAction.Edit);
            definition = JsonSerializer.SerializeToNode(workflow.Definition, DefinitionJsonContext.Default.WorkflowDefinition) as JsonObject ?? [];
            if (definition["trigger"] is JsonObject trigger)
            {
                trigger.Remove("hookId"); // the hook id is the workflow's credential, never a template's
            }
        }

        var parameters = request.Parameters ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        var problems = new ProblemList();
        TemplateParameters.CheckDefinition(parameters, definition!, problems);
        if (problems.Count > 0)
        {
            return (null, Problems.Validation(problems.Items));
        }

        return (new TemplateInput(request.Name!.Trim(), definition!)
        {
            Description = request.Description,
            Category = request.Category!,
            Tags = request.Tags ?? [],
            Parameters = parameters,
        }, null);
    }
}
