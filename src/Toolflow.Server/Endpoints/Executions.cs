using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;
using Toolflow.Core.Tools;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.ExecutionStore;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>/api/v1/executions/{id}</c>: read, and the user's controls, all through <see cref="ExecutionControl"/>
/// so they reach the execution whichever process runs it, with their status events. Pause and cancel of
/// an execution no worker holds take effect at once; a running one finishes its running nodes
/// (pause) or has them cancelled (cancel) as soon as its worker hears of it. A final state answers 409.
/// </summary>
internal static class Executions
{
    public static IEndpointRouteBuilder MapExecutions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/executions").WithTags("Executions").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListAsync).WithName("ListExecutions");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetExecution");
        group.MapPost("/{id:guid}/pause", PauseAsync).WithName("PauseExecution").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/resume", ResumeAsync).WithName("ResumeExecution").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelExecution").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/retry", RetryAsync).WithName("RetryExecution").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/signal", SignalAsync).WithName("SignalExecution").Accepts<SignalRequest>("application/json");
        return app;
    }

    /// <summary>
    /// Every execution of every workflow the caller may see, newest first (an administrator sees all): n8n's execution
    /// list, Temporal's ListWorkflowExecutions. Same filters and paging as a workflow's list; no node entries.
    /// </summary>
    private static async Task<Results<Ok<Core.Contracts.Common.ListResponse<ExecutionResource>>, ValidationProblem>> ListAsync(
        HttpContext http, ToolflowRepositories repositories, string? status, string? from, string? to, string? cursor, string? limit)
    {
        var (query, problems) = ExecutionListParameters.Read(status, from, to, cursor, limit);
        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        var page = await repositories.Executions.ListVisibleAsync(http.User.ToCaller(), query, http.RequestAborted);
        return TypedResults.Ok(new Core.Contracts.Common.ListResponse<ExecutionResource>([.. page.Items.Select(e => e.ToResource())], page.NextCursor));
    }

    private static async Task<Results<Ok<ExecutionResource>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var execution = await repositories.Executions.GetAsync(http.User.ToCaller(), id, http.RequestAborted);
        return execution is null ? Problems.NotFound("execution") : TypedResults.Ok(await ExecutionAnswers.ResourceAsync(execution, repositories, http.RequestAborted));
    }

    private static Task<Ok<ExecutionResource>> PauseAsync(Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionControl control) =>
        ControlAsync(http, repositories, id, WorkflowAction.PauseExecution, "execution.pause", control.PauseAsync);

    private static Task<Ok<ExecutionResource>> ResumeAsync(Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionControl control) =>
        ControlAsync(http, repositories, id, WorkflowAction.ResumeExecution, "execution.resume", control.ResumeAsync);

    private static Task<Ok<ExecutionResource>> CancelAsync(Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionControl control) =>
        ControlAsync(http, repositories, id, WorkflowAction.Cancel, "execution.cancel", control.CancelAsync);

    /// <summary>Re-queues a failed execution; the engine re-runs it from its failed nodes (committed results are kept).</summary>
    private static Task<Ok<ExecutionResource>> RetryAsync(Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionControl control) =>
        ControlAsync(http, repositories, id, WorkflowAction.Retry, "execution.retry", control.RetryAsync);

    /// <summary>Permission first (from the one table), then the state: a viewer learns nothing of the execution's state.</summary>
    private static async Task<Ok<ExecutionResource>> ControlAsync(
        HttpContext http, ToolflowRepositories repositories, Guid id, WorkflowAction permission, string action, Func<Caller, Guid, CancellationToken, Task> act)
    {
        var caller = http.User.ToCaller();
        var current = await repositories.Executions.GetAsync(caller, id, http.RequestAborted) ?? throw new NotFoundException("execution", id.ToString());
        await DemandAsync(http, repositories, current.WorkflowId, permission);
        await act(caller, id, http.RequestAborted);
        await repositories.RecordAsync(http, action, "execution", id);
        var after = await repositories.Executions.GetAsync(caller, id, http.RequestAborted) ?? throw new NotFoundException("execution", id.ToString());
        return TypedResults.Ok(await ExecutionAnswers.ResourceAsync(after, repositories, http.RequestAborted));
    }

    /// <summary>
    /// Delivers an approval to a waiting node (the one named, or the only one waiting); the node's output
    /// is the payload, with <c>approved</c> added when the request says it.
    /// </summary>
    private static async Task<Results<Accepted<ExecutionResource>, ValidationProblem, ProblemHttpResult>> SignalAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, ExecutionControl control, IToolCatalog catalog, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.SignalRequest, clock);
        if (problem is ValidationProblem invalid)
        {
            return invalid;
        }

        if (problem is ProblemHttpResult transport)
        {
            return transport;
        }

        var caller = http.User.ToCaller();
        if (await repositories.Executions.GetAsync(caller, id, http.RequestAborted) is not { } execution)
        {
            return Problems.NotFound("execution");
        }

        // Permission before anything about the execution's state: a viewer learns "forbidden", not which nodes wait.
        await DemandAsync(http, repositories, execution.WorkflowId, WorkflowAction.Signal);
        var target = await SignalTarget.FindAsync(request!.NodeId, execution, repositories, catalog, caller, http.RequestAborted);
        switch (target.Problem)
        {
            case ValidationProblem refused:
                return refused;
            case ProblemHttpResult conflict:
                return conflict;
        }

        var nodeId = target.NodeId!;

        var payload = request.Payload?.DeepClone() ?? new JsonObject();
        if (request.Approved is { } approved && payload is JsonObject fields && !fields.ContainsKey("approved"))
        {
            fields["approved"] = approved;
        }

        await control.SignalAsync(caller, id, nodeId, payload, http.RequestAborted);
        await repositories.RecordAsync(http, "execution.signal", "execution", id);
        var after = await repositories.Executions.GetAsync(caller, id, http.RequestAborted);
        return TypedResults.Accepted($"/api/v1/executions/{id}", await ExecutionAnswers.ResourceAsync(after!, repositories, http.RequestAborted));
    }

    /// <summary>
    /// A workflow's pause or resume reaches its executions: pause asks every queued, running or waiting
    /// one to pause; resume re-queues every paused one and withdraws the pause of every pausing one.
    /// One that moved meanwhile is left as it is.
    /// </summary>
    internal static async Task<int> ControlAllAsync(HttpContext http, ToolflowRepositories repositories, ExecutionControl control, Guid workflowId, bool pause)
    {
        var caller = http.User.ToCaller();
        ExecutionStatus[] from = pause ? [ExecutionStatus.Queued, ExecutionStatus.Running, ExecutionStatus.Waiting] : [ExecutionStatus.Paused, ExecutionStatus.Pausing];
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await repositories.Executions.ListAsync(caller, workflowId, new ExecutionListQuery { Statuses = from, Cursor = cursor, Limit = 100 }, http.RequestAborted);
            if (page is null)
            {
                return 0;
            }

            ids.AddRange(page.Items.Select(e => e.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var changed = 0;
        foreach (var id in ids)
        {
            try
            {
                await (pause ? control.PauseAsync(caller, id, http.RequestAborted) : control.ResumeAsync(caller, id, http.RequestAborted));
                changed++;
            }
            catch (Exception e) when (e is ConflictException or Core.Execution.ExecutionStateConflictException)
            {
                // It moved on its own (finished, or was paused by someone else): nothing to do for it.
            }
        }

        return changed;
    }

    /// <summary>The permission table's verdict for the caller on the execution's workflow (403 when visible but not allowed).</summary>
    private static async Task DemandAsync(HttpContext http, ToolflowRepositories repositories, Guid workflowId, WorkflowAction action)
    {
        var workflow = await repositories.Workflows.GetAsync(http.User.ToCaller(), workflowId, http.RequestAborted)
            ?? throw new NotFoundException("workflow", workflowId.ToString());
        Permissions.Demand(workflow, action);
    }
}
