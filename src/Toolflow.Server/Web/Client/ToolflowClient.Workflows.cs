using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Contracts.Workflows;
using Toolflow.Core.Definitions;

namespace Toolflow.Server.Web.Client;

/// <summary>Workflows: list, read, create, save (If-Match), archive, validate, versions, runs.</summary>
public sealed partial class ToolflowClient
{
    public Task<ApiResult<ListResponse<WorkflowResource>>> ListWorkflowsAsync(string? q, string? status, string? cursor = null, string? sort = null) =>
        SendAsync<ListResponse<WorkflowResource>>(HttpMethod.Get, "api/v1/workflows" + Query(("q", q), ("status", status), ("cursor", cursor), ("sort", sort), ("limit", "50")));

    public Task<ApiResult<WorkflowResource>> GetWorkflowAsync(Guid id) =>
        SendAsync<WorkflowResource>(HttpMethod.Get, $"api/v1/workflows/{id}");

    public Task<ApiResult<WorkflowResource>> CreateWorkflowAsync(WorkflowDefinition definition, WorkflowStatus? status = null) =>
        SendAsync<WorkflowResource>(HttpMethod.Post, "api/v1/workflows", DefinitionBody(definition, status));

    /// <summary>Saves a new version; a 412 problem means someone saved after <paramref name="version"/>.</summary>
    public Task<ApiResult<WorkflowResource>> SaveWorkflowAsync(Guid id, int version, WorkflowDefinition definition, WorkflowStatus? status = null) =>
        SendAsync<WorkflowResource>(HttpMethod.Put, $"api/v1/workflows/{id}", DefinitionBody(definition, status), r => r.Headers.TryAddWithoutValidation("If-Match", version.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public Task<ApiResult<WorkflowResource>> ArchiveWorkflowAsync(Guid id) =>
        SendAsync<WorkflowResource>(HttpMethod.Delete, $"api/v1/workflows/{id}");

    /// <summary>Validates without saving: the problem's errors are keyed by JSON pointer into the definition.</summary>
    public Task<ApiResult<JsonObject>> ValidateAsync(WorkflowDefinition definition) =>
        SendAsync<JsonObject>(HttpMethod.Post, "api/v1/workflows/validate", DefinitionBody(definition, null));

    public Task<ApiResult<ListResponse<WorkflowVersion>>> ListVersionsAsync(Guid id) =>
        SendAsync<ListResponse<WorkflowVersion>>(HttpMethod.Get, $"api/v1/workflows/{id}/versions");

    public Task<ApiResult<WorkflowVersion>> GetVersionAsync(Guid id, int version) =>
        SendAsync<WorkflowVersion>(HttpMethod.Get, $"api/v1/workflows/{id}/versions/{version}");

    public Task<ApiResult<ExecutionResource>> ExecuteAsync(Guid id, JsonObject input) =>
        SendAsync<ExecutionResource>(HttpMethod.Post, $"api/v1/workflows/{id}/execute", new JsonObject { ["input"] = input.DeepClone() });

    public Task<ApiResult<ListResponse<ExecutionResource>>> ListExecutionsAsync(Guid workflowId, string? status = null, string? cursor = null) =>
        SendAsync<ListResponse<ExecutionResource>>(HttpMethod.Get, $"api/v1/workflows/{workflowId}/executions" + Query(("status", status), ("cursor", cursor), ("limit", "50")));

    /// <summary>The definition at the top level plus an optional status: the body of POST and PUT /workflows.</summary>
    internal static JsonObject DefinitionBody(WorkflowDefinition definition, WorkflowStatus? status)
    {
        var body = JsonSerializer.SerializeToNode(definition, DefinitionJsonContext.Default.WorkflowDefinition)!.AsObject();
        if (status is { } s)
        {
            body["status"] = JsonSerializer.SerializeToNode(s, Json);
        }

        return body;
    }
}

/// <summary>One saved version (<c>GET /workflows/{id}/versions[/{v}]</c>).</summary>
public sealed record WorkflowVersion(
    Guid WorkflowId, int Version, WorkflowDefinition? Definition, Guid? CreatedBy, DateTimeOffset CreatedAt,
    string? CreatedByEmail = null, string? CreatedByDisplayName = null);
