using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Tools;
using Toolflow.Generation.Optimization;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;
using CoreProblem = Toolflow.Core.Validation.ValidationProblem;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>POST /workflows/{id}/optimize</c> <c>{apply?}</c>: suggestions with evidence (from the definition
/// and the workflow's last 200 executions); with <c>apply: true</c> the optimised definition is saved
/// as a new version (needs edit permission) and returned.
/// </summary>
internal static class GenerationOptimize
{
    public static IEndpointRouteBuilder MapWorkflowOptimization(this IEndpointRouteBuilder app)
    {
        app.MapPost("/workflows/{id:guid}/optimize", OptimizeAsync).WithTags("Generation").WithName("OptimizeWorkflow")
            .Accepts<OptimizeBody>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> OptimizeAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, IToolCatalog catalog, ApiOptions api)
    {
        var (bytes, transport) = await JsonBody.ReadBytesAsync(http.Request, api, allowEmpty: true);
        if (transport is not null)
        {
            return transport;
        }

        var (apply, problems) = ReadApply(bytes!);
        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        var caller = http.User.ToCaller();
        var workflow = await repositories.Workflows.GetAsync(caller, id, http.RequestAborted);
        var stats = workflow is null ? null : await repositories.Executions.NodeStatsAsync(caller, id, cancellationToken: http.RequestAborted);
        if (workflow is null || stats is null)
        {
            return Problems.NotFound("workflow");
        }

        var history = stats.Select(s => new NodeHistory(s.NodeId, s.Runs, s.Failures, s.AverageDurationMs, s.MaxDurationMs)).ToList();
        var result = new WorkflowOptimizer(catalog).Optimize(workflow.Definition, history, apply);
        var answer = new JsonObject
        {
            ["suggestions"] = new JsonArray([.. result.Suggestions.Select(s => (JsonNode)new JsonObject
            {
                ["kind"] = s.Kind,
                ["nodes"] = new JsonArray([.. s.Nodes.Select(n => (JsonNode)n)]),
                ["message"] = s.Message,
                ["evidence"] = s.Evidence.DeepClone(),
                ["applicable"] = s.Applicable,
            })]),
            ["applied"] = false,
        };
        if (apply && result.Optimized is { } optimized)
        {
            var updated = await repositories.Workflows.UpdateAsync(caller, id, new WorkflowUpdate(workflow.Version) { Definition = optimized }, http.RequestAborted);
            await repositories.RecordAsync(http, "workflow.optimize", "workflow", id);
            answer["applied"] = updated.Version != workflow.Version;
            answer["workflow"] = JsonSerializer.SerializeToNode(updated.ToResource(), ContractsJsonContext.Default.WorkflowResource);
        }

        return TypedResults.Ok(answer);
    }

    private static (bool Apply, List<CoreProblem> Problems) ReadApply(byte[] bytes)
    {
        var problems = new List<CoreProblem>();
        if (bytes.Length == 0)
        {
            return (false, problems);
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            problems.Add(new CoreProblem(string.Empty, $"the body is not JSON: {ex.Message}"));
            return (false, problems);
        }

        if (body is not JsonObject o)
        {
            problems.Add(new CoreProblem(string.Empty, "the body must be a JSON object such as {\"apply\": true}"));
            return (false, problems);
        }

        var apply = false;
        foreach (var (key, value) in o)
        {
            if (key != "apply")
            {
                problems.Add(new CoreProblem("/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), $"unknown property '{key}'"));
            }
            else if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                apply = v.GetValue<bool>();
            }
            else if (value is not null)
            {
                problems.Add(new CoreProblem("/apply", "must be true or false"));
            }
        }

        return (apply, problems);
    }

    /// <summary>The body's shape, for the OpenAPI document.</summary>
    internal sealed record OptimizeBody(bool? Apply);
}
