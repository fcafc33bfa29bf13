using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>data.set, data.template and code.javascript: shaping values without leaving the process.</summary>
internal static class DataToolDescriptors
{
    public static readonly ToolDescriptor Set = new()
    {
        Name = "data.set",
        Description = "Builds an object from values and expressions; each value may be any JSON or a {{ }} expression.",
        Category = "data",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "values": { "type": "object", "description": "The keys of the output and their values or expressions." }
              },
              "required": ["values"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""{ "type": "object", "description": "The object of evaluated values." }"""),
        ExampleConfig = SchemaText.Parse("""
            { "values": { "greeting": "Hello {{ input.name }}", "count": "{{ input.items.length }}", "source": "api" } }
            """),
    };

    public static readonly ToolDescriptor Template = new()
    {
        Name = "data.template",
        Description = "Renders a text template; each {{ }} expression is interpolated as text.",
        Category = "data",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": { "template": { "type": "string" } },
              "required": ["template"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""
            { "type": "object", "properties": { "text": { "type": "string" } }, "required": ["text"] }
            """),
        ExampleConfig = SchemaText.Parse("""{ "template": "Dear {{ input.name }}, your order {{ nodes.order.output.id }} has shipped." }"""),
    };

    public static readonly ToolDescriptor JavaScript = new()
    {
        Name = "code.javascript",
        Description = "Runs the body of a JavaScript function in the sandbox with input, nodes, item and index in scope; its return value is the output.",
        Category = "code",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": { "code": { "type": "string", "minLength": 1, "description": "A function body; 'return' gives the output." } },
              "required": ["code"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""{ "description": "Whatever the code returns." }"""),
        ExampleConfig = SchemaText.Parse("""
            { "code": "const total = input.items.reduce((sum, i) => sum + i.price, 0);\nreturn { total, count: input.items.length };" }
            """),
    };
}
