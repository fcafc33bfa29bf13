using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>db.query: one parameterised SQL statement against the PostgreSQL or SQLite database of the node's credential.</summary>
internal static class DbQueryDescriptor
{
    public static readonly ToolDescriptor Descriptor = new()
    {
        Name = "db.query",
        Description = "Runs one SQL statement with @name parameters through the node's PostgreSQL or SQLite credential; outputs the rows and the row count.",
        Category = "db",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "sql": { "type": "string", "minLength": 1, "description": "Values go in @name parameters, never in the text." },
                "parameters": { "type": "object", "description": "Values of the @name parameters, by name." },
                "maxRows": { "type": "integer", "minimum": 1, "maximum": 100000, "default": 1000 },
                "readOnly": { "type": "boolean", "default": false, "description": "Run in a read-only transaction." },
                "timeoutMs": { "type": "integer", "minimum": 1, "maximum": 600000, "default": 30000 }
              },
              "required": ["sql"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""
            {
              "type": "object",
              "properties": {
                "rows": { "type": "array", "items": { "type": "object" } },
                "rowCount": { "type": "integer", "minimum": 0 }
              },
              "required": ["rows", "rowCount"]
            }
            """),
        HasSideEffects = true,
        ExampleConfig = SchemaText.Parse("""
            { "sql": "select id, email from customers where created_at > @since limit 100", "parameters": { "since": "{{ input.since }}" } }
            """),
    };
}
