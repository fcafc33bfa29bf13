using System.Text.Json.Serialization;

namespace Toolflow.Storage.Repositories;

/// <summary>Source-generated JSON for the small shapes the repositories store themselves (tags, cursors).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(PageCursor))]
internal sealed partial class StorageJson : JsonSerializerContext;
