using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Schemas;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Triggers;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Storage.Triggers;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>POST /hooks/{hookId}</c> (at the root, anonymous: the random hook id — and, when the trigger
/// names a credential, the HMAC signature — is the credential). Refusals enqueue nothing.
/// </summary>
internal static partial class Hooks
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 190;

    public static IEndpointRouteBuilder MapHooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/hooks/{hookId}", ReceiveAsync).AllowAnonymous().RequireRateLimiting(Hosting.RateLimiting.WebhookPolicy).WithTags("Triggers").WithName("ReceiveWebhook")
            .Produces<ExecutionResource>(StatusCodes.Status202Accepted).Produces<ExecutionResource>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Anonymous like the hook itself: a sender trying GET learns "use POST", not the API's "send a valid API key".
        app.MapMethods("/hooks/{hookId}", [HttpMethods.Get, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], MethodNotAllowed)
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGroup("/api/v1/workflows").WithTags("Workflows").ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapPost("/{id:guid}/hook/rotate", RotateAsync).WithName("RotateWorkflowHook")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static IResult MethodNotAllowed(HttpContext http)
    {
        http.Response.Headers.Allow = HttpMethods.Post;
        return Problems.Status(StatusCodes.Status405MethodNotAllowed, "Method not allowed", "a webhook is called with POST");
    }

    private static async Task<IResult> ReceiveAsync(
        string hookId, HttpContext http, ToolflowRepositories repositories, TriggerOptions options, ExecutionWaiter waiter, TimeProvider clock)
    {
        var workflow = HookIds.IsWellFormed(hookId) ? await repositories.Workflows.FindByHookIdAsync(hookId, http.RequestAborted) : null;
        if (workflow is null || workflow.Status == WorkflowStatus.Archived || workflow.Definition.Trigger?.Type != TriggerType.Webhook)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Not found", "no such hook");
        }

        if (workflow.Status != WorkflowStatus.Active)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Workflow not active", $"the workflow is {workflow.Status.ToString().ToLowerInvariant()}; its triggers do not fire");
        }

        var (bytes, tooLarge) = await WebhookBody.ReadAsync(http.Request, options.WebhookMaxBodyBytes);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        if (await WebhookSigning.RefusalAsync(workflow, http.Request, bytes!, repositories, clock) is { } refusal)
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "Signature refused", refusal);
        }

        var (input, problem) = WebhookBody.Parse(http.Request, bytes!);
        if (problem is not null)
        {
            return problem;
        }

        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength)
        {
            return Problems.Validation($"/headers/{IdempotencyHeader}", $"must be at most {MaxIdempotencyKeyLength} characters");
        }

        if (InputProblems(workflow, input!) is { Count: > 0 } invalid)
        {
            return Problems.Validation(invalid);
        }

        var synchronous = workflow.Definition.Trigger!.Synchronous == true;
        using var watch = synchronous ? waiter.Start() : null;
        var creation = await repositories.Executions.CreateTriggeredAsync(
            new NewExecution(workflow.Id)
            {
                Input = input,
                TriggerType = TriggerType.Webhook,
                IdempotencyKey = key.Length == 0 ? null : $"hook:{key}",
            },
            http.RequestAborted);
        var location = $"/api/v1/executions/{creation.Execution.Id}";
        if (watch is not null && await watch.EndedWithinAsync(creation.Execution.Id, options.SynchronousTimeout, http.RequestAborted) is { } ended)
        {
            http.Response.Headers.Location = location;
            return TypedResults.Ok(await ExecutionAnswers.ResourceAsync(ended, repositories, http.RequestAborted));
        }

        var current = synchronous ? await repositories.Executions.GetForEngineAsync(creation.Execution.Id, http.RequestAborted) : null;
        return TypedResults.Accepted(location, await ExecutionAnswers.ResourceAsync(current ?? creation.Execution, repositories, http.RequestAborted));
    }

    /// <summary>The body checked against the workflow's input schema, as <c>POST /workflows/{id}/execute</c> checks its input.</summary>
    private static IReadOnlyList<Core.Validation.ValidationProblem> InputProblems(WorkflowRecord workflow, JsonObject input)
    {
        if (workflow.Definition.InputSchema is not { } schema)
        {
            return [];
        }

        var problems = new ProblemList();
        SchemaEvaluator.Evaluate(
            CompiledSchema.Build(schema.ToJsonString()), JsonSerializer.SerializeToElement(input, ContractsJsonContext.Default.JsonObject), "/input", false, problems);
        return problems.Items;
    }
}
