using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts.Workflows;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Triggers;

namespace Toolflow.Server.Endpoints;

internal static partial class Hooks
{
    /// <summary>
    /// <c>POST /api/v1/workflows/{id}/hook/rotate</c>: a new random hook id (edit permission); the old
    /// URL answers 404 from now on. 409 when the workflow has no webhook trigger.
    /// </summary>
    private static async Task<Ok<WorkflowResource>> RotateAsync(Guid id, HttpContext http, HookIds hookIds, ToolflowRepositories repositories)
    {
        var rotated = await hookIds.RotateAsync(http.User.ToCaller(), id, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.hook.rotate", "workflow", id, new JsonObject());
        return TypedResults.Ok(rotated.ToResource());
    }
}
