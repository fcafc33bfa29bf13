using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Contracts.Shares;
using Toolflow.Core.Contracts.Templates;
using Toolflow.Core.Contracts.Workflows;

namespace Toolflow.Server.Web.Client;

/// <summary>Templates, shares and public links, per SPEC §4's shapes.</summary>
public sealed partial class ToolflowClient
{
    public Task<ApiResult<ListResponse<TemplateResource>>> ListTemplatesAsync(string? q, string? category, string? sort) =>
        SendAsync<ListResponse<TemplateResource>>(HttpMethod.Get, "api/v1/templates" + Query(("q", q), ("category", category), ("sort", sort), ("limit", "50")));

    public Task<ApiResult<TemplateResource>> GetTemplateAsync(Guid id) =>
        SendAsync<TemplateResource>(HttpMethod.Get, $"api/v1/templates/{id}");

    public Task<ApiResult<WorkflowResource>> InstantiateTemplateAsync(Guid id, JsonObject parameters, string? name) =>
        SendAsync<WorkflowResource>(HttpMethod.Post, $"api/v1/templates/{id}/instantiate", new JsonObject { ["parameters"] = parameters.DeepClone(), ["name"] = name });

    public Task<ApiResult<JsonObject>> RateTemplateAsync(Guid id, int stars, string? comment) =>
        SendAsync<JsonObject>(HttpMethod.Post, $"api/v1/templates/{id}/ratings", new JsonObject { ["stars"] = stars, ["comment"] = comment });

    public Task<ApiResult<TemplateResource>> PublishTemplateAsync(Guid id, bool publish) =>
        SendAsync<TemplateResource>(HttpMethod.Post, $"api/v1/templates/{id}/{(publish ? "publish" : "unpublish")}");

    public Task<ApiResult<TemplateResource>> CreateTemplateFromWorkflowAsync(Guid workflowId, string name, string category, string? description) =>
        SendAsync<TemplateResource>(HttpMethod.Post, "api/v1/templates", new JsonObject
        {
            ["fromWorkflowId"] = workflowId.ToString(),
            ["name"] = name,
            ["category"] = category,
            ["description"] = description,
        });

    public Task<ApiResult<ListResponse<ShareResource>>> ListSharesAsync(Guid workflowId) =>
        SendAsync<ListResponse<ShareResource>>(HttpMethod.Get, $"api/v1/workflows/{workflowId}/shares");

    /// <summary>With a person (<paramref name="email"/>) or, when it is null, a public link whose token the answer carries once.</summary>
    public Task<ApiResult<ShareResource>> CreateShareAsync(Guid workflowId, string? email, string permission, DateTimeOffset? expiresAt) =>
        SendAsync<ShareResource>(HttpMethod.Post, $"api/v1/workflows/{workflowId}/shares", email is null
            ? new JsonObject { ["public"] = true, ["permission"] = permission, ["expiresAt"] = expiresAt?.ToString("O") }
            : new JsonObject { ["email"] = email, ["permission"] = permission, ["expiresAt"] = expiresAt?.ToString("O") });

    public Task<ApiResult<NoContent>> RevokeShareAsync(Guid workflowId, Guid shareId) =>
        SendAsync<NoContent>(HttpMethod.Delete, $"api/v1/workflows/{workflowId}/shares/{shareId}");

    /// <summary>A public link, used without any key: what it shows is decided by the link alone.</summary>
    public Task<ApiResult<JsonObject>> GetSharedAsync(string token) =>
        SendAsync<JsonObject>(HttpMethod.Get, $"api/v1/shared/{Uri.EscapeDataString(token)}", anonymous: true);

    public Task<ApiResult<ExecutionResource>> ExecuteSharedAsync(string token, JsonObject input) =>
        SendAsync<ExecutionResource>(HttpMethod.Post, $"api/v1/shared/{Uri.EscapeDataString(token)}/execute", new JsonObject { ["input"] = input.DeepClone() }, anonymous: true);

    /// <summary>The run this link's holder started, by the run token of the execute answer (no key).</summary>
    public Task<ApiResult<SharedRunResource>> GetSharedRunAsync(string token, string runToken) =>
        SendAsync<SharedRunResource>(HttpMethod.Get, $"api/v1/shared/{Uri.EscapeDataString(token)}/runs/{Uri.EscapeDataString(runToken)}", anonymous: true);
}
