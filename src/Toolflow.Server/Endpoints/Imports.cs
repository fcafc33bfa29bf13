using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Imports;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import;
using Toolflow.Server.Auth;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;
using WorkflowValidator = Toolflow.Core.Validation.WorkflowValidator;

namespace Toolflow.Server.Endpoints;

/// <summary><c>POST /api/v1/workflows/import</c>: converts an n8n export and saves it as a draft, with the report of what was not converted.</summary>
internal static class Imports
{
    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder app)
    {
        app.MapPost("/workflows/import", ImportAsync).WithTags("Workflows").WithName("ImportWorkflow")
            .Accepts<ImportWorkflowRequest>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpContext http, ToolflowRepositories repositories, WorkflowValidator validator, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.ImportWorkflowRequest, clock);
        switch (problem)
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult transport:
                return transport;
        }

        N8nImportResult result;
        try
        {
            result = N8nImporter.Convert(request!.ContentText, new N8nImportOptions { Placeholders = request.Placeholders ?? false, Validator = validator });
        }
        catch (N8nImportException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not an importable n8n export",
                detail: ex.Message, extensions: new Dictionary<string, object?> { ["kind"] = ex.Kind.ToString() });
        }

        var report = JsonSerializer.SerializeToNode(result.Report, ImportReportJson.Default.ImportReport)!.AsObject();
        report["fullyConverted"] = result.Report.FullyConverted;
        if (result.Definition is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not fully convertible",
                detail: "some nodes could not be converted; see the report, or import again with \"placeholders\": true",
                extensions: new Dictionary<string, object?> { ["report"] = report });
        }

        var created = await repositories.Workflows.CreateAsync(http.User.ToCaller(), new NewWorkflow(result.Definition) { Status = WorkflowStatus.Draft }, http.RequestAborted);
        await repositories.RecordAsync(http, "workflow.import", "workflow", created.Id);
        var workflow = JsonSerializer.SerializeToNode(created.ToResource(), ContractsJsonContext.Default.WorkflowResource);
        return TypedResults.Created($"/api/v1/workflows/{created.Id}", new JsonObject { ["workflow"] = workflow, ["report"] = report });
    }
}
