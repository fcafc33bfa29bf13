using System.Text.Json.Serialization;
using Toolflow.Core.Definitions;

namespace Toolflow.Generation;

/// <summary>Source-generated JSON for the generator's own shapes, in the definition's conventions.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TriggerDefinition))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
internal sealed partial class GenerationJson : JsonSerializerContext;
