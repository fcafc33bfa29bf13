using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>email.send: one message through the SMTP server of the node's credential.</summary>
internal static class EmailSendDescriptor
{
    public static readonly ToolDescriptor Descriptor = new()
    {
        Name = "email.send",
        Description = "Sends an e-mail (text or HTML) through the SMTP credential of the node; outputs the message id.",
        Category = "email",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$defs": {
                "addresses": {
                  "type": ["string", "array"],
                  "format": "email",
                  "minItems": 1,
                  "items": { "type": "string", "format": "email" }
                }
              },
              "type": "object",
              "properties": {
                "from": { "type": "string", "format": "email" },
                "to": { "$ref": "#/$defs/addresses" },
                "cc": { "$ref": "#/$defs/addresses" },
                "bcc": { "$ref": "#/$defs/addresses" },
                "replyTo": { "type": "string", "format": "email" },
                "subject": { "type": "string", "minLength": 1, "maxLength": 998 },
                "body": { "type": "string" },
                "html": { "type": "boolean", "default": false, "description": "true when body is HTML." },
                "bodyType": { "enum": ["text", "html"], "description": "Another way to say html: true." },
                "headers": { "type": "object", "additionalProperties": { "type": "string" } },
                "timeoutMs": { "type": "integer", "minimum": 1, "maximum": 600000 }
              },
              "required": ["to", "subject", "body"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""
            { "type": "object", "properties": { "messageId": { "type": "string" } }, "required": ["messageId"] }
            """),
        HasSideEffects = true,
        ExampleConfig = SchemaText.Parse("""
            { "to": ["ops@example.org"], "cc": "{{ input.requester }}", "subject": "Daily digest", "body": "{{ nodes.summary.output.text }}", "html": false }
            """),
    };
}
