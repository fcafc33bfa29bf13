using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Generation;
using Toolflow.Core.Definitions;
using Toolflow.Core.Tools;
using Toolflow.Core.Validation;
using Toolflow.Generation.Pipeline;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>POST /workflows/generate</c> (a new draft from a prompt) and <c>POST /workflows/{id}/generate</c>
/// (a follow-up prompt: the same workflow, a new version, the conversation continued). The generator
/// runs before anything is written; a generation that fails writes nothing and answers 422 with the
/// last draft's problems. Also maps the optimizer and tool suggestion routes.
/// </summary>
internal static class Generation
{
    public static IEndpointRouteBuilder MapGeneration(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/workflows").WithTags("Generation").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/generate", GenerateAsync).WithName("GenerateWorkflow").Accepts<GenerateWorkflowRequest>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapPost("/{id:guid}/generate", FollowUpAsync).WithName("GenerateWorkflowFollowUp").Accepts<GenerateWorkflowRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status502BadGateway);
        app.MapWorkflowOptimization();
        app.MapToolSuggestions();
        return app;
    }

    private static async Task<Results<Created<GenerateWorkflowResponse>, ValidationProblem, ProblemHttpResult>> GenerateAsync(
        HttpContext http, ToolflowRepositories repositories, IToolCatalog catalog, WorkflowValidator validator, ApiOptions api, IConfiguration configuration, TimeProvider clock, ILoggerFactory loggers)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.GenerateWorkflowRequest, clock);
        switch (problem)
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult transport:
                return transport;
        }

        var context = await GenerationServices.ContextAsync(http, repositories, request!.Context);
        var (outcome, unavailable) = await GenerationModelFailure.RunAsync(
            () => GenerationServices.Generator(configuration, catalog, validator, clock)
                .GenerateAsync(new GenerationRequest(request.Prompt!) { Context = context }, http.RequestAborted),
            configuration, loggers.CreateLogger(typeof(Generation)), http.RequestAborted);
        if (outcome is null)
        {
            return unavailable!;
        }

        if (!outcome.Succeeded)
        {
            return Failed(outcome);
        }

        var created = await repositories.Workflows.CreateAsync(http.User.ToCaller(), new NewWorkflow(outcome.Definition!)
        {
            Status = WorkflowStatus.Draft,
            GenerationPrompt = request.Prompt,
            GenerationModel = outcome.Model,
            GenerationConversation = outcome.Conversation,
            GenerationAttempts = outcome.Attempts,
        }, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.generate", "workflow", created.Id);
        return TypedResults.Created($"/api/v1/workflows/{created.Id}",
            new GenerateWorkflowResponse(created.ToResource(), new GenerationReport(outcome.NotUnderstood, outcome.Todos)));
    }

    private static async Task<Results<Ok<GenerateWorkflowResponse>, ValidationProblem, ProblemHttpResult>> FollowUpAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, IToolCatalog catalog, WorkflowValidator validator, ApiOptions api, IConfiguration configuration, TimeProvider clock, ILoggerFactory loggers)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.GenerateWorkflowRequest, clock);
        switch (problem)
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult transport:
                return transport;
        }

        var caller = http.User.ToCaller();
        var workflow = await repositories.Workflows.GetAsync(caller, id, http.RequestAborted);
        if (workflow is null)
        {
            return Problems.NotFound("workflow");
        }

        var context = await GenerationServices.ContextAsync(http, repositories, request!.Context);
        var (outcome, unavailable) = await GenerationModelFailure.RunAsync(
            () => GenerationServices.Generator(configuration, catalog, validator, clock).GenerateAsync(
                new GenerationRequest(request.Prompt!) { Context = context, Existing = workflow.Definition, History = workflow.GenerationConversation },
                http.RequestAborted),
            configuration, loggers.CreateLogger(typeof(Generation)), http.RequestAborted);
        if (outcome is null)
        {
            return unavailable!;
        }

        if (!outcome.Succeeded)
        {
            return Failed(outcome);
        }

        // The version read above is the one changed: an edit in between is a 412, never overwritten.
        var updated = await repositories.Workflows.UpdateAsync(caller, id, new WorkflowUpdate(workflow.Version)
        {
            Definition = outcome.Definition,
            Generation = new GenerationFields(outcome.Model, outcome.Conversation, workflow.GenerationAttempts + outcome.Attempts),
        }, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.generate", "workflow", id);
        http.Response.Headers.ETag = $"\"{updated.Version}\"";
        return TypedResults.Ok(new GenerateWorkflowResponse(updated.ToResource(), new GenerationReport(outcome.NotUnderstood, outcome.Todos)));
    }

    private static ProblemHttpResult Failed(GenerationOutcome outcome) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "No valid workflow could be generated",
        detail: outcome.FailureReason,
        extensions: new Dictionary<string, object?>
        {
            ["attempts"] = outcome.Attempts,
            ["model"] = outcome.Model,
            ["errors"] = outcome.LastProblems.GroupBy(p => p.Pointer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
            ["notUnderstood"] = outcome.NotUnderstood,
        });

}
