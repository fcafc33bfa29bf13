using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts.Shares;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;

namespace Toolflow.Server.Endpoints;

/// <summary>
/// <c>GET /shared/{token}/runs/{runToken}</c>: the run a link's holder started, read with the run token the
/// execute answer gave them. Nothing else of the owner's is reachable this way: another run of the same
/// workflow, a run token under another link, a revoked or expired link — all 404, like a wrong token.
/// </summary>
internal static partial class SharedLinks
{
    private static async Task<Results<Ok<SharedRunResource>, ProblemHttpResult>> ReadRunAsync(
        string token, string runToken, HttpContext http, ToolflowRepositories repositories, SharedRunTokens runTokens)
    {
        if (token.Length > MaxTokenLength || runToken.Length > SharedRunTokens.MaxLength
            || await repositories.Shares.UseTokenAsync(token, http.RequestAborted) is not { } use
            || runTokens.ExecutionFor(runToken, use.Share.Id) is not { } executionId)
        {
            return Problems.NotFound("shared run");
        }

        // Read as the owner (the link acts for them, as a trigger does), and only a run of the link's workflow.
        var execution = await repositories.Executions.GetAsync(Caller.Member(use.Workflow.OwnerId), executionId, http.RequestAborted);
        return execution is null || execution.WorkflowId != use.Workflow.Id
            ? Problems.NotFound("shared run")
            : TypedResults.Ok(ToSharedRun(execution));
    }

    private static SharedRunResource ToSharedRun(ExecutionRecord execution)
    {
        var resource = execution.ToResource();
        return new SharedRunResource
        {
            Id = resource.Id,
            Status = resource.Status,
            Output = resource.Output,
            Error = resource.Error,
            TotalSteps = resource.TotalSteps,
            StepsCompleted = resource.StepsCompleted,
            CreatedAt = resource.CreatedAt,
            StartedAt = resource.StartedAt,
            CompletedAt = resource.CompletedAt,
        };
    }
}
