using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Validation;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>Running a workflow: execute (202), its executions, and pausing or resuming the workflow itself.</summary>
internal static partial class Workflows
{
    private static void MapRuns(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/execute", ExecuteAsync).WithName("ExecuteWorkflow").Accepts<ExecuteWorkflowRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/executions", ListExecutionsAsync).WithName("ListWorkflowExecutions");
        group.MapPost("/{id:guid}/pause", PauseAsync).WithName("PauseWorkflow").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:guid}/resume", ResumeAsync).WithName("ResumeWorkflow").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:guid}/activate", ActivateAsync).WithName("ActivateWorkflow")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/deactivate", DeactivateAsync).WithName("DeactivateWorkflow")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>
    /// Creates the execution and its job in one transaction (the worker claims it): 202 with the
    /// queued execution and its Location. An empty body runs with <c>{}</c> as input.
    /// </summary>
    private static async Task<Results<Accepted<ExecutionResource>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await ExecuteBody.ReadAsync(http.Request, api, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem badBody => badBody, _ => (ProblemHttpResult)problem };
        }

        var caller = http.User.ToCaller();
        var workflow = await repositories.Workflows.GetAsync(caller, id, http.RequestAborted);
        if (workflow is null)
        {
            return Problems.NotFound("workflow");
        }

        var input = request.Input as JsonObject ?? [];
        if (ExecutionInput.Check(workflow.Definition, input) is { Count: > 0 } problems)
        {
            return Problems.Validation(problems);
        }

        var creation = await repositories.Executions.CreateAsync(
            caller, new NewExecution(id) { Input = input, IdempotencyKey = request.IdempotencyKey }, http.RequestAborted);
        if (creation.Created)
        {
            await repositories.RecordAsync(http, "workflow.execute", "execution", creation.Execution.Id, new JsonObject { ["workflowId"] = id.ToString() });
        }

        return TypedResults.Accepted($"/api/v1/executions/{creation.Execution.Id}", creation.Execution.ToResource([.. workflow.Definition.Nodes.Select(n => n.Id)]));
    }

    private static async Task<Results<Ok<ListResponse<ExecutionResource>>, ValidationProblem, ProblemHttpResult>> ListExecutionsAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, string? status, string? from, string? to, string? cursor, string? limit)
    {
        var (query, problems) = ExecutionListParameters.Read(status, from, to, cursor, limit);
        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        var page = await repositories.Executions.ListAsync(http.User.ToCaller(), id, query, http.RequestAborted);
        return page is null
            ? Problems.NotFound("workflow")
            : TypedResults.Ok(new ListResponse<ExecutionResource>([.. page.Items.Select(e => e.ToResource())], page.NextCursor));
    }

    /// <summary>Stops the workflow's triggers and asks its unfinished executions to pause.</summary>
    private static async Task<Ok<Core.Contracts.Workflows.WorkflowResource>> PauseAsync(Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionControl control)
    {
        var paused = await repositories.Workflows.PauseAsync(http.User.ToCaller(), id, http.RequestAborted);
        var executions = await Executions.ControlAllAsync(http, repositories, control, id, pause: true);
        await repositories.RecordAsync(http, "workflow.pause", "workflow", id, new JsonObject { ["executionsPaused"] = executions });
        return TypedResults.Ok(paused.ToResource());
    }

    /// <summary>n8n's activate: a draft becomes active (its trigger fires from now on), without a new version.</summary>
    private static async Task<Ok<Core.Contracts.Workflows.WorkflowResource>> ActivateAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var activated = await repositories.Workflows.ActivateAsync(http.User.ToCaller(), id, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.activate", "workflow", id, null);
        return TypedResults.Ok(activated.ToResource());
    }

    /// <summary>n8n's deactivate: an active workflow becomes a draft (no trigger fires); its runs go on.</summary>
    private static async Task<Ok<Core.Contracts.Workflows.WorkflowResource>> DeactivateAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var deactivated = await repositories.Workflows.DeactivateAsync(http.User.ToCaller(), id, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.deactivate", "workflow", id, null);
        return TypedResults.Ok(deactivated.ToResource());
    }

    private static async Task<Ok<Core.Contracts.Workflows.WorkflowResource>> ResumeAsync(Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionControl control)
    {
        var resumed = await repositories.Workflows.ResumeAsync(http.User.ToCaller(), id, http.RequestAborted);
        var executions = await Executions.ControlAllAsync(http, repositories, control, id, pause: false);
        await repositories.RecordAsync(http, "workflow.resume", "workflow", id, new JsonObject { ["executionsResumed"] = executions });
        return TypedResults.Ok(resumed.ToResource());
    }
}
