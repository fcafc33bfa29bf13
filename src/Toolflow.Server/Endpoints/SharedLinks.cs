using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Contracts.Shares;
using Toolflow.Core.Sharing;
using Toolflow.Core.Validation;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Workflows;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>/api/v1/shared/{token}</c>: public links, anonymous. Each use is counted atomically; a wrong,
/// expired or revoked token, or one whose workflow is archived, answers 404 and counts nothing.
/// Rate-limited per token (<see cref="RateLimiting.SharedLinkPolicy"/>).
/// </summary>
internal static partial class SharedLinks
{
    /// <summary>Tokens are <c>tfs_</c> + 8 hex + <c>_</c> + 43 base64url; anything much longer is not worth hashing.</summary>
    private const int MaxTokenLength = 128;

    public static IEndpointRouteBuilder MapSharedLinks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/shared/{token}").WithTags("Sharing").AllowAnonymous().RequireRateLimiting(RateLimiting.SharedLinkPolicy)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/", ViewAsync).WithName("ViewSharedWorkflow");
        // No .Accepts<…>() here: its content-type matcher would answer a wrong type from an endpoint of
        // its own that is not anonymous (401 instead of 415). The handler checks the type; the document says it.
        group.MapPost("/execute", ExecuteAsync).WithName("ExecuteSharedWorkflow")
            .WithDescription("Body (optional): {\"input\": {…}, \"idempotencyKey\": \"…\"} as application/json, like POST /workflows/{id}/execute.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = false,
                    Description = "the execution's input and an optional idempotency key",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType> { ["application/json"] = new() },
                };
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/runs/{runToken}", ReadRunAsync).WithName("ReadSharedRun")
            .WithDescription("The run this link's holder started, by the runToken of the execute answer: status, and output or error once it ended.");
        return app;
    }

    private static async Task<Results<Ok<SharedWorkflowResource>, ProblemHttpResult>> ViewAsync(string token, HttpContext http, ToolflowRepositories repositories)
    {
        if (token.Length > MaxTokenLength || await repositories.Shares.UseTokenAsync(token, http.RequestAborted) is not { } use)
        {
            return Problems.NotFound("shared workflow");
        }

        return TypedResults.Ok(ToPublicResource(use.Workflow, use.Share.ExpiresAt));
    }

    /// <summary>
    /// Runs the workflow as its trigger would (no user behind it), within the link's permission: a
    /// view link answers 403. 202 with the queued execution and its <c>runToken</c>; the body is read before the token is used.
    /// </summary>
    private static async Task<Results<Accepted<ExecutionResource>, ValidationProblem, ProblemHttpResult>> ExecuteAsync(
        string token, HttpContext http, ToolflowRepositories repositories, ApiOptions api, TimeProvider clock, SharedRunTokens runTokens)
    {
        var (request, problem) = await ExecuteBody.ReadAsync(http.Request, api, clock);
        if (problem is not null)
        {
            return problem switch { ValidationProblem badBody => badBody, _ => (ProblemHttpResult)problem };
        }

        if (token.Length > MaxTokenLength || await repositories.Shares.UseTokenAsync(token, http.RequestAborted) is not { } use)
        {
            return Problems.NotFound("shared workflow");
        }

        Permissions.Demand(use.Workflow, WorkflowAction.Execute);
        if (use.Workflow.Status == Core.Definitions.WorkflowStatus.Paused)
        {
            // A link runs the workflow as a trigger does, and pausing a workflow stops its triggers (SPEC §3).
            return Problems.Status(StatusCodes.Status409Conflict, "Workflow paused", "the workflow is paused; its links do not run it until it is resumed");
        }

        var input = request.Input as JsonObject ?? [];
        if (ExecutionInput.Check(use.Workflow.Definition, input) is { Count: > 0 } invalid)
        {
            return Problems.Validation(invalid);
        }

        var creation = await repositories.Executions.CreateTriggeredAsync(
            new NewExecution(use.Workflow.Id) { Input = input, IdempotencyKey = request.IdempotencyKey }, http.RequestAborted);
        if (creation.Created)
        {
            await repositories.RecordAsync(http, "share.link.execute", "execution", creation.Execution.Id,
                new JsonObject { ["workflowId"] = use.Workflow.Id.ToString(), ["shareId"] = use.Share.Id.ToString() });
        }

        // No Location: the run is read with its run token (GET /shared/{token}/runs/{runToken}), never at /executions/{id}.
        var resource = await ExecutionAnswers.ResourceAsync(creation.Execution, repositories, http.RequestAborted);
        return TypedResults.Accepted((string?)null, resource with { RunToken = runTokens.Issue(use.Share.Id, creation.Execution.Id) });
    }

    /// <summary>What a stranger holding the link may see: no owner, credentials, tool instances, hook id, secret-looking values or secrets in URLs.</summary>
    internal static SharedWorkflowResource ToPublicResource(WorkflowRecord workflow, DateTimeOffset? expiresAt)
    {
        var d = workflow.Definition;
        return new SharedWorkflowResource
        {
            Name = d.Name,
            Description = d.Description,
            Tags = d.Tags,
            Trigger = d.Trigger is { } t ? t with { HookId = null, Credential = null } : null,
            InputSchema = d.InputSchema,
            Nodes = [.. d.Nodes.Select(n => n with { Credential = null, ToolInstanceId = null, Config = Redact(n.Config) as JsonObject })],
            Edges = d.Edges,
            Permission = workflow.Permission,
            ExpiresAt = expiresAt,
        };
    }

    private static JsonNode? Redact(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, SecretKey().IsMatch(p.Key) ? JsonValue.Create("[redacted]") : Redact(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Redact)]),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(RedactUrls(v.GetValue<string>())),
        _ => node?.DeepClone(),
    };

    /// <summary>Secrets written into URLs: the user info (<c>user:password@</c>) and query values under secret-looking names.</summary>
    private static string RedactUrls(string text)
    {
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return text;
        }

        text = UserInfo().Replace(text, "://[redacted]@");
        return QueryParameter().Replace(text, m => SecretKey().IsMatch(m.Groups["name"].Value) || SecretQueryName().IsMatch(m.Groups["name"].Value)
            ? $"{m.Groups["lead"].Value}{m.Groups["name"].Value}=[redacted]"
            : m.Value);
    }

    [GeneratedRegex("pass(word)?|secret|token|api[-_]?key|authori[sz]ation|credential|cookie|private[-_]?key|connection[-_]?string", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    /// <summary>Short query names that carry keys and signatures (Google's <c>key=</c>, signed URLs' <c>sig=</c>).</summary>
    [GeneratedRegex("^(key|sig|signature|auth|access[-_]?key|client[-_]?secret)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryName();

    [GeneratedRegex(@"://[^/?#@\s]+@")]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<lead>[?&])(?<name>[^=&#\s]+)=(?<value>[^&#\s]*)")]
    private static partial Regex QueryParameter();
}
