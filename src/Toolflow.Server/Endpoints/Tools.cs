using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Tools;
using Toolflow.Server.Endpoints.Common;

namespace Toolflow.Server.Endpoints;

/// <summary><c>/api/v1/tools</c>: the registry — name, description, config and output schemas, branches, side effects.</summary>
internal static class Tools
{
    public static IEndpointRouteBuilder MapTools(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tools").WithTags("Tools").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", List).WithName("ListTools");
        group.MapGet("/{name}", Get).WithName("GetTool");
        return app;
    }

    private static Ok<ListResponse<ToolDescriptor>> List(IToolCatalog catalog) =>
        TypedResults.Ok(new ListResponse<ToolDescriptor>([.. catalog.All.OrderBy(t => t.Name, StringComparer.Ordinal)], null));

    private static Results<Ok<ToolDescriptor>, ProblemHttpResult> Get(string name, IToolCatalog catalog) =>
        catalog.Find(name) is { } tool ? TypedResults.Ok(tool) : Problems.NotFound("tool");
}
