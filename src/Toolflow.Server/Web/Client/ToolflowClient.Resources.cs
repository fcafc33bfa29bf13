using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Credentials;
using Toolflow.Core.Contracts.ToolInstances;
using Toolflow.Core.Tools;

namespace Toolflow.Server.Web.Client;

/// <summary>The tool catalogue, credentials (write-only secrets) and tool instances.</summary>
public sealed partial class ToolflowClient
{
    public Task<ApiResult<ListResponse<ToolDescriptor>>> ListToolsAsync() =>
        SendAsync<ListResponse<ToolDescriptor>>(HttpMethod.Get, "api/v1/tools");

    public Task<ApiResult<ToolDescriptor>> GetToolAsync(string name) =>
        SendAsync<ToolDescriptor>(HttpMethod.Get, $"api/v1/tools/{Uri.EscapeDataString(name)}");

    public Task<ApiResult<ListResponse<CredentialResource>>> ListCredentialsAsync() =>
        SendAsync<ListResponse<CredentialResource>>(HttpMethod.Get, "api/v1/credentials?limit=100");

    /// <summary>The secret goes one way: the answer never carries it back.</summary>
    public Task<ApiResult<CredentialResource>> CreateCredentialAsync(string name, string type, JsonObject data) =>
        SendAsync<CredentialResource>(HttpMethod.Post, "api/v1/credentials", new JsonObject { ["name"] = name, ["type"] = type, ["data"] = data.DeepClone() });

    public Task<ApiResult<CredentialResource>> ReplaceCredentialSecretAsync(Guid id, JsonObject data) =>
        SendAsync<CredentialResource>(HttpMethod.Put, $"api/v1/credentials/{id}", new JsonObject { ["data"] = data.DeepClone() });

    public Task<ApiResult<NoContent>> DeleteCredentialAsync(Guid id) =>
        SendAsync<NoContent>(HttpMethod.Delete, $"api/v1/credentials/{id}");

    public Task<ApiResult<ListResponse<ToolInstanceResource>>> ListToolInstancesAsync() =>
        SendAsync<ListResponse<ToolInstanceResource>>(HttpMethod.Get, "api/v1/tool-instances?limit=100");

    public Task<ApiResult<ToolInstanceResource>> CreateToolInstanceAsync(string tool, string name, JsonObject config, Guid? credentialId) =>
        SendAsync<ToolInstanceResource>(HttpMethod.Post, "api/v1/tool-instances", new JsonObject
        {
            ["tool"] = tool,
            ["name"] = name,
            ["config"] = config.DeepClone(),
            ["credentialId"] = credentialId?.ToString(),
        });

    public Task<ApiResult<NoContent>> DeleteToolInstanceAsync(Guid id) =>
        SendAsync<NoContent>(HttpMethod.Delete, $"api/v1/tool-instances/{id}");
}
