using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Complexity;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Workflows;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Server.Triggers;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;
using CoreProblem = Toolflow.Core.Validation.ValidationProblem;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary><c>/api/v1/workflows</c>: create, list, read, update (If-Match), archive, versions, validate.</summary>
internal static partial class Workflows
{
    public static IEndpointRouteBuilder MapWorkflows(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/workflows").WithTags("Workflows").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/", CreateAsync).WithName("CreateWorkflow").Accepts<WorkflowResource>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/", ListAsync).WithName("ListWorkflows");
        group.MapPost("/validate", ValidateAsync).WithName("ValidateWorkflow").Accepts<WorkflowResource>("application/json");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWorkflow");
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateWorkflow").Accepts<WorkflowResource>("application/json")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{id:guid}", ArchiveAsync).WithName("ArchiveWorkflow").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{id:guid}/restore", RestoreAsync).WithName("RestoreWorkflow").ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/versions", ListVersionsAsync).WithName("ListWorkflowVersions");
        group.MapGet("/{id:guid}/versions/{version:int}", GetVersionAsync).WithName("GetWorkflowVersion");
        MapRuns(group);
        return app;
    }

    private static async Task<Results<Created<WorkflowResource>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, ToolflowRepositories repositories, WorkflowValidator validator, ApiOptions api)
    {
        var read = await ReadDefinitionAsync(http.Request, validator, api);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        if (read.Invalid is not null)
        {
            return read.Invalid;
        }

        var body = read.Request!;
        var definition = TriggerLoops.Canonical(body.Definition);
        if (await TriggerLoops.RefusalAsync(definition, http.User.ToCaller(), repositories, http.RequestAborted) is { } loop)
        {
            return loop;
        }

        var created = await repositories.Workflows.CreateAsync(
            http.User.ToCaller(), new NewWorkflow(definition) { Status = body.Status ?? WorkflowStatus.Draft }, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.create", "workflow", created.Id);
        SetETag(http, created.Version);
        return TypedResults.Created($"/api/v1/workflows/{created.Id}", created.ToResource());
    }

    private static async Task<Results<Ok<ListResponse<WorkflowResource>>, ValidationProblem>> ListAsync(
        HttpContext http, ToolflowRepositories repositories,
        string? status, string? tag, string? trigger, string? q, string? owner, string? sort, string? cursor, string? limit)
    {
        var (query, problems) = WorkflowListParameters.Parse(status, tag, trigger, q, owner, sort, cursor, limit);
        if (problems.Count > 0)
        {
            return Problems.Validation(problems);
        }

        var page = await repositories.Workflows.ListAsync(http.User.ToCaller(), query, http.RequestAborted);
        return TypedResults.Ok(new ListResponse<WorkflowResource>([.. page.Items.Select(w => w.ToResource())], page.NextCursor));
    }

    private static async Task<Results<Ok<WorkflowResource>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var workflow = await repositories.Workflows.GetAsync(http.User.ToCaller(), id, http.RequestAborted);
        if (workflow is null)
        {
            return Problems.NotFound("workflow");
        }

        SetETag(http, workflow.Version);
        return TypedResults.Ok(workflow.ToResource());
    }

    /// <summary>PUT needs <c>If-Match: &lt;version&gt;</c>: without it, 428 (a blind overwrite would lose someone's edit).</summary>
    private static async Task<Results<Ok<WorkflowResource>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories, WorkflowValidator validator, ApiOptions api)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return Problems.Status(StatusCodes.Status428PreconditionRequired, "Precondition required", "send 'If-Match: <version>' with the version you edited");
        }

        int expected;
        if (ifMatch.Trim() == "*")
        {
            // RFC 9110: '*' matches whatever version is current — a deliberate overwrite, unlike a missing header.
            var current = await repositories.Workflows.GetAsync(http.User.ToCaller(), id, http.RequestAborted);
            if (current is null)
            {
                return Problems.NotFound("workflow");
            }

            expected = current.Version;
        }
        else if (!TryParseVersion(ifMatch, out expected))
        {
            return Problems.Validation("/headers/If-Match", "must be the workflow version you edited, e.g. If-Match: 3, or * for whatever version is current");
        }

        var read = await ReadDefinitionAsync(http.Request, validator, api);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        if (read.Invalid is not null)
        {
            return read.Invalid;
        }

        var body = read.Request!;
        var definition = TriggerLoops.Canonical(body.Definition);
        if (await TriggerLoops.RefusalAsync(definition, http.User.ToCaller(), repositories, http.RequestAborted) is { } loop)
        {
            return loop;
        }

        var updated = await repositories.Workflows.UpdateAsync(
            http.User.ToCaller(), id, new WorkflowUpdate(expected) { Definition = definition, Status = body.Status }, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.update", "workflow", id);
        SetETag(http, updated.Version);
        return TypedResults.Ok(updated.ToResource());
    }

    private static async Task<Ok<WorkflowResource>> ArchiveAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var archived = await repositories.Workflows.ArchiveAsync(http.User.ToCaller(), id, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.archive", "workflow", id);
        return TypedResults.Ok(archived.ToResource());
    }

    /// <summary>
    /// Undoes <c>DELETE</c>: an archived workflow comes back as a <c>draft</c> (no trigger fires until someone activates
    /// it). Needs admin permission, like archiving; 409 when the workflow is not archived.
    /// </summary>
    private static async Task<Ok<WorkflowResource>> RestoreAsync(Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var restored = await repositories.Workflows.RestoreAsync(http.User.ToCaller(), id, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.restore", "workflow", id);
        SetETag(http, restored.Version);
        return TypedResults.Ok(restored.ToResource());
    }

    private static async Task<Results<Ok<ListResponse<WorkflowVersionResource>>, ProblemHttpResult>> ListVersionsAsync(
        Guid id, HttpContext http, ToolflowRepositories repositories)
    {
        var versions = await repositories.Workflows.ListVersionsAsync(http.User.ToCaller(), id, http.RequestAborted);
        return versions is null
            ? Problems.NotFound("workflow")
            : TypedResults.Ok(new ListResponse<WorkflowVersionResource>(await WorkflowVersionResource.FromAsync(versions, repositories, http.RequestAborted), null));
    }

    private static async Task<Results<Ok<WorkflowVersionResource>, ProblemHttpResult>> GetVersionAsync(
        Guid id, int version, HttpContext http, ToolflowRepositories repositories)
    {
        var found = await repositories.Workflows.GetVersionAsync(http.User.ToCaller(), id, version, http.RequestAborted);
        return found is null ? Problems.NotFound("workflow version") : TypedResults.Ok((await WorkflowVersionResource.FromAsync([found], repositories, http.RequestAborted))[0]);
    }

    /// <summary>Checks a definition without saving: 200 <c>{valid: true}</c>, or 400 with every problem keyed by pointer.</summary>
    private static async Task<Results<Ok<ValidationReport>, ValidationProblem, ProblemHttpResult>> ValidateAsync(
        HttpContext http, WorkflowValidator validator, ApiOptions api)
    {
        var read = await ReadDefinitionAsync(http.Request, validator, api);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        if (read.Invalid is not null)
        {
            return read.Invalid;
        }

        var body = read.Request!;
        return TypedResults.Ok(new ValidationReport(true, WorkflowComplexity.Compute(body.Definition)));
    }

    /// <summary>The write request, a 400 with pointers, or a transport problem (413/415).</summary>
    private static async Task<DefinitionRead> ReadDefinitionAsync(HttpRequest request, WorkflowValidator validator, ApiOptions api)
    {
        var (bytes, problem) = await JsonBody.ReadBytesAsync(request, api);
        if (problem is not null)
        {
            return new DefinitionRead(null, null, problem);
        }

        var result = WorkflowWriteRequest.Read(bytes, validator);
        if (result.Request is { } valid)
        {
            return new DefinitionRead(valid, null, null);
        }

        var problems = result.IsMalformed && result.Problems.Count == 0
            ? [new CoreProblem("", result.Validation.MalformedReason ?? "the body is not a JSON object")]
            : result.Problems;
        return new DefinitionRead(null, Problems.Validation(problems), null);
    }

    private static bool TryParseVersion(string header, out int version)
    {
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return int.TryParse(text.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out version) && version > 0;
    }

    private static void SetETag(HttpContext http, int version) => http.Response.Headers.ETag = $"\"{version}\"";

    private sealed record DefinitionRead(WorkflowWriteRequest? Request, ValidationProblem? Invalid, ProblemHttpResult? Problem);

    internal sealed record ValidationReport(bool Valid, int ComplexityScore);
}
