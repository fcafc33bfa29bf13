using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>flow.condition, flow.switch, flow.merge and flow.fail: routing within one execution.</summary>
internal static class FlowToolDescriptors
{
    public static readonly ToolDescriptor Condition = new()
    {
        Name = "flow.condition",
        Description = "Evaluates an expression to true or false and takes the matching branch.",
        Category = "flow",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": { "expression": { "type": "boolean", "description": "Usually a {{ }} expression; its truthiness decides." } },
              "required": ["expression"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""
            { "type": "object", "properties": { "result": { "type": "boolean" } }, "required": ["result"] }
            """),
        Branches = ["true", "false"],
        ExampleConfig = SchemaText.Parse("""{ "expression": "{{ nodes.fetch.output.status == 200 }}" }"""),
    };

    public static readonly ToolDescriptor Switch = new()
    {
        Name = "flow.switch",
        Description = "Evaluates a value and takes the branch named by the matching case, else 'default'.",
        Category = "flow",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "value": { "description": "The value to match, usually a {{ }} expression." },
                "cases": {
                  "type": "array",
                  "minItems": 1,
                  "uniqueItems": true,
                  "items": { "type": "string", "minLength": 1, "pattern": "^(?!default$)", "errorMessage": "a case is a non-empty string other than 'default' (that branch always exists)" }
                }
              },
              "required": ["value", "cases"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""{ "type": "object", "properties": { "value": {} }, "required": ["value"] }"""),
        BranchesFromConfig = true,
        ExampleConfig = SchemaText.Parse("""{ "value": "{{ input.priority }}", "cases": ["low", "high"] }"""),
    };

    public static readonly ToolDescriptor Merge = new()
    {
        Name = "flow.merge",
        Description = "Joins branches: its output holds the output of each active parent, keyed by the parent's id.",
        Category = "flow",
        ConfigSchema = SchemaText.Parse("""
            { "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": false }
            """),
        OutputSchema = SchemaText.Parse("""{ "type": "object", "additionalProperties": true }"""),
        ExampleConfig = SchemaText.Parse("{}"),
    };

    public static readonly ToolDescriptor Fail = new()
    {
        Name = "flow.fail",
        Description = "Always fails with the given message; for error paths and tests.",
        Category = "flow",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "message": { "type": "string", "minLength": 1 },
                "retryable": { "type": "boolean", "default": true, "description": "false makes the failure final even under a retry policy." }
              },
              "required": ["message"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""{ "not": {}, "description": "Never produces output." }"""),
        ExampleConfig = SchemaText.Parse("""{ "message": "order {{ input.orderId }} was rejected" }"""),
    };
}
