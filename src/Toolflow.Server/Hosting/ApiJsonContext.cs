using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Tools;
using Toolflow.Server.Endpoints;
using Toolflow.Server.Health;

namespace Toolflow.Server.Hosting;

/// <summary>
/// Source-generated metadata of the responses only this project defines, and of the values problem
/// details carry in their extensions. Together with the contracts' context it covers every body the API
/// writes, so the ahead-of-time compiled build (docs/headless.md), which has no reflection-based serializer,
/// answers exactly as the JIT-compiled one.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthEndpoints.HealthReport))]
[JsonSerializable(typeof(Workflows.ValidationReport))]
[JsonSerializable(typeof(ToolDescriptor))]
[JsonSerializable(typeof(ListResponse<ToolDescriptor>))]
[JsonSerializable(typeof(WorkflowVersionResource))]
[JsonSerializable(typeof(ListResponse<WorkflowVersionResource>))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
