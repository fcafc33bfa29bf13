using System.Collections.Concurrent;
using Toolflow.Core.Tools;

namespace Toolflow.Core.Validation.Schemas;

/// <summary>Each tool's config schema, built once per validator and shared by every validation after that.</summary>
public sealed class ToolSchemaCache
{
    private readonly ConcurrentDictionary<ToolDescriptor, Lazy<CompiledSchema>> _schemas = new(ReferenceEqualityComparer.Instance);

    public CompiledSchema ConfigSchemaOf(ToolDescriptor tool)
    {
        ArgumentNullException.ThrowIfNull(tool);

        // Lazy: building must happen once even when two validations race for the same tool; and
        // the descriptor's JsonObject is only read (serialised) inside the Lazy, never concurrently.
        return _schemas.GetOrAdd(tool, t => new Lazy<CompiledSchema>(() => CompiledSchema.Build(t.ConfigSchema.ToJsonString()))).Value;
    }
}
