using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Generation;

namespace Toolflow.Server.Web.Client;

/// <summary>Generation (issue #11): a prompt → a draft workflow with its report; follow-ups; optimisation; tool suggestions.</summary>
public sealed partial class ToolflowClient
{
    public Task<ApiResult<GenerateWorkflowResponse>> GenerateAsync(string prompt, JsonNode? context = null) =>
        SendAsync<GenerateWorkflowResponse>(HttpMethod.Post, "api/v1/workflows/generate", new JsonObject { ["prompt"] = prompt, ["context"] = context?.DeepClone() });

    /// <summary>A follow-up prompt that changes an existing generated draft.</summary>
    public Task<ApiResult<GenerateWorkflowResponse>> FollowUpAsync(Guid workflowId, string prompt) =>
        SendAsync<GenerateWorkflowResponse>(HttpMethod.Post, $"api/v1/workflows/{workflowId}/generate", new JsonObject { ["prompt"] = prompt });

    public Task<ApiResult<JsonObject>> OptimizeAsync(Guid workflowId) =>
        SendAsync<JsonObject>(HttpMethod.Post, $"api/v1/workflows/{workflowId}/optimize", new JsonObject());

    public Task<ApiResult<ListResponse<ToolSuggestion>>> SuggestToolsAsync(IReadOnlyList<string> requirements) =>
        SendAsync<ListResponse<ToolSuggestion>>(HttpMethod.Post, "api/v1/tools/suggest", new JsonObject { ["requirements"] = new JsonArray([.. requirements.Select(r => (JsonNode?)r)]) });
}
