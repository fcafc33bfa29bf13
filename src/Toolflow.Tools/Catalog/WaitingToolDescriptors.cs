using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>flow.delay, flow.approval and flow.subworkflow: nodes whose result comes later, without holding a worker.</summary>
internal static class WaitingToolDescriptors
{
    public static readonly ToolDescriptor Delay = new()
    {
        Name = "flow.delay",
        Description = "Waits durably for a duration or until a time, then outputs how long it waited.",
        Category = "flow",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "durationMs": { "type": "integer", "minimum": 0, "maximum": 31536000000 },
                "until": { "type": "string", "format": "date-time" }
              },
              "additionalProperties": false,
              "dependentSchemas": { "durationMs": { "properties": { "until": false } } },
              "if": { "not": { "required": ["durationMs"] } },
              "then": { "required": ["until"], "errorMessage": "needs either 'durationMs' or 'until'" }
            }
            """),
        OutputSchema = SchemaText.Parse("""
            { "type": "object", "properties": { "waitedMs": { "type": "integer", "minimum": 0 } }, "required": ["waitedMs"] }
            """),
        ExampleConfig = SchemaText.Parse("""{ "durationMs": 60000 }"""),
    };

    public static readonly ToolDescriptor Approval = new()
    {
        Name = "flow.approval",
        Description = "Waits durably until POST /executions/{id}/signal approves it, and outputs the signal's payload; fails at its timeout.",
        Category = "flow",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "message": { "type": "string", "minLength": 1, "description": "What the approver is asked." },
                "timeoutMs": { "type": "integer", "minimum": 1, "maximum": 31536000000 }
              },
              "required": ["message"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""{ "description": "The payload of the signal that approved it." }"""),
        HasSideEffects = false,
        TakesSignals = true,
        ExampleConfig = SchemaText.Parse("""{ "message": "Send the refund of {{ input.amount }} EUR?", "timeoutMs": 86400000 }"""),
    };

    public static readonly ToolDescriptor SubWorkflow = new()
    {
        Name = "flow.subworkflow",
        Description = "Runs another workflow as a child execution and outputs the child's output.",
        Category = "flow",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "workflowId": { "type": "string", "format": "uuid" },
                "input": { "description": "The child's input: any JSON, or an expression." }
              },
              "required": ["workflowId"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""{ "description": "The child execution's output." }"""),
        HasSideEffects = true,
        ExampleConfig = SchemaText.Parse("""
            { "workflowId": "0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61", "input": { "customerId": "{{ input.customerId }}" } }
            """),
    };
}
