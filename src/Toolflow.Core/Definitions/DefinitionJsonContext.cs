using System.Text.Json.Serialization;

namespace Toolflow.Core.Definitions;

/// <summary>
/// Source-generated serialisation of definitions: camelCase, enums as strings, nulls omitted,
/// and an unknown property is an error rather than silently dropped.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 64)]
[JsonSerializable(typeof(WorkflowDefinition))]
public sealed partial class DefinitionJsonContext : JsonSerializerContext;
