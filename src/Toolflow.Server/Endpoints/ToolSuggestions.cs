using Microsoft.AspNetCore.Http.HttpResults;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Generation;
using Toolflow.Core.Tools;
using Toolflow.Generation.Suggestions;
using Toolflow.Server.Endpoints.Common;
using Toolflow.Server.Hosting;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace Toolflow.Server.Endpoints;

/// <summary><c>POST /tools/suggest</c>: tools ranked for plain-language requirements (BM25 with synonyms), each with a score and a reason.</summary>
internal static class ToolSuggestions
{
    public static IEndpointRouteBuilder MapToolSuggestions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/tools/suggest", SuggestAsync).WithTags("Tools").WithName("SuggestTools").Accepts<SuggestToolsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<Results<Ok<ListResponse<ToolSuggestion>>, ValidationProblem, ProblemHttpResult>> SuggestAsync(
        HttpContext http, IToolCatalog catalog, ApiOptions api, TimeProvider clock)
    {
        var (request, problem) = await JsonBody.ReadAsync(http.Request, api, ContractsJsonContext.Default.SuggestToolsRequest, clock);
        switch (problem)
        {
            case ValidationProblem invalid:
                return invalid;
            case ProblemHttpResult transport:
                return transport;
        }

        var ranked = new ToolSuggester(catalog).Suggest(request!.Requirements!);
        return TypedResults.Ok(new ListResponse<ToolSuggestion>([.. ranked.Select(r => new ToolSuggestion(r.Name, r.Score, r.Reason))], null));
    }
}
