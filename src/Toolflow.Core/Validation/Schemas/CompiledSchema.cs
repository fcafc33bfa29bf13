using System.Text.Json;
using Json.Schema;

namespace Toolflow.Core.Validation.Schemas;

/// <summary>A JSON Schema built once, with its source kept so messages can quote its keywords (enum values, property names).</summary>
public sealed class CompiledSchema
{
    private CompiledSchema(JsonSchema schema, JsonElement source)
    {
        Schema = schema;
        Source = source;
    }

    public JsonSchema Schema { get; }

    public JsonElement Source { get; }

    /// <summary>
    /// Builds in a private registry: the global one refuses a second schema with the same
    /// <c>$id</c> and would keep every user-supplied schema alive for ever. A schema without
    /// <c>$schema</c> is read as draft 2020-12 (SPEC), not JsonSchema.Net 8's stricter default
    /// dialect, which refuses unknown keywords such as <c>x-…</c> annotations.
    /// </summary>
    public static CompiledSchema Build(string json)
    {
        var source = JsonDocument.Parse(json).RootElement.Clone();
        var schema = JsonSchema.Build(source, new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012 });
        return new CompiledSchema(schema, source);
    }

    public static CompiledSchema Build(JsonElement source) => Build(source.GetRawText());
}
