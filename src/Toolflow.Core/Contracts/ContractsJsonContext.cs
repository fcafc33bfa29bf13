using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Credentials;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Contracts.Generation;
using Toolflow.Core.Contracts.Shares;
using Toolflow.Core.Contracts.Templates;
using Toolflow.Core.Contracts.ToolInstances;
using Toolflow.Core.Contracts.Users;
using Toolflow.Core.Contracts.Workflows;

namespace Toolflow.Core.Contracts;

/// <summary>
/// Source-generated serialisation of the API contracts (SPEC §4): camelCase, enums as their SPEC
/// strings, nulls omitted, and an unknown property in a request is an error.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 64)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(Imports.ImportWorkflowRequest))]
[JsonSerializable(typeof(PageRequest))]
[JsonSerializable(typeof(WorkflowResource))]
[JsonSerializable(typeof(ListResponse<WorkflowResource>))]
[JsonSerializable(typeof(WorkflowListQuery))]
[JsonSerializable(typeof(ExecuteWorkflowRequest))]
[JsonSerializable(typeof(SignalRequest))]
[JsonSerializable(typeof(ExecutionResource))]
[JsonSerializable(typeof(ListResponse<ExecutionResource>))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(UserResource))]
[JsonSerializable(typeof(ListResponse<UserResource>))]
[JsonSerializable(typeof(ListResponse<Audit.AuditEntryResource>))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(ApiKeyCreatedResponse))]
[JsonSerializable(typeof(ApiKeyResource))]
[JsonSerializable(typeof(ListResponse<ApiKeyResource>))]
[JsonSerializable(typeof(CreateShareRequest))]
[JsonSerializable(typeof(ShareResource))]
[JsonSerializable(typeof(ListResponse<ShareResource>))]
[JsonSerializable(typeof(SharedWorkflowResource))]
[JsonSerializable(typeof(SharedRunResource))]
[JsonSerializable(typeof(TemplateRequest))]
[JsonSerializable(typeof(InstantiateTemplateRequest))]
[JsonSerializable(typeof(RatingRequest))]
[JsonSerializable(typeof(TemplateResource))]
[JsonSerializable(typeof(ListResponse<TemplateResource>))]
[JsonSerializable(typeof(ToolInstanceRequest))]
[JsonSerializable(typeof(ToolInstanceResource))]
[JsonSerializable(typeof(ListResponse<ToolInstanceResource>))]
[JsonSerializable(typeof(CreateCredentialRequest))]
[JsonSerializable(typeof(UpdateCredentialRequest))]
[JsonSerializable(typeof(CredentialResource))]
[JsonSerializable(typeof(ListResponse<CredentialResource>))]
[JsonSerializable(typeof(GenerateWorkflowRequest))]
[JsonSerializable(typeof(GenerateWorkflowResponse))]
[JsonSerializable(typeof(SuggestToolsRequest))]
[JsonSerializable(typeof(ListResponse<ToolSuggestion>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
