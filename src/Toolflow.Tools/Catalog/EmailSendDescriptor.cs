using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>email.send: one message through the SMTP server of the node's credential.</summary>
internal static class EmailSendDescriptor
{
    // The sender parses addresses exactly (MimeKit, strict); the schema only refuses what can never
    // be one — no '@', or more than one line — so that everything the sender takes passes validation:
    // "Ada <ada@example.org>", "a@example.org, b@example.org", or an array of either. Written out
    // for each field rather than through $ref so that the field's own errorMessage is found.
    private const string OneLineWithAt = @"^[^\\r\\n]*@[^\\r\\n]*$";

    private const string OneAddress = "must be one e-mail address, such as 'ada@example.org' or 'Ada <ada@example.org>'";

    private const string AddressText =
        "must hold e-mail addresses, such as 'ada@example.org' or 'Ada <ada@example.org>', several separated by commas";

    private const string Addresses =
        $$"""{ "type": ["string", "array"], "pattern": "{{OneLineWithAt}}", "minItems": 1, "items": { "type": "string", "pattern": "{{OneLineWithAt}}", "errorMessage": "{{AddressText}}" }, "errorMessage": "{{AddressText}}" }""";

    public static readonly ToolDescriptor Descriptor = new()
    {
        Name = "email.send",
        Description = "Sends an e-mail (text or HTML) through the SMTP credential of the node; outputs the message id.",
        Category = "email",
        ConfigSchema = SchemaText.Parse($$"""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "from": { "type": "string", "pattern": "{{OneLineWithAt}}", "errorMessage": "{{OneAddress}}" },
                "to": {{Addresses}},
                "cc": {{Addresses}},
                "bcc": {{Addresses}},
                "replyTo": {{Addresses}},
                "subject": { "type": "string", "minLength": 1, "maxLength": 998 },
                "body": { "type": "string" },
                "html": { "type": "boolean", "default": false, "description": "true when body is HTML." },
                "bodyType": { "enum": ["text", "html"], "description": "Another way to say html: true." },
                "headers": { "type": "object", "additionalProperties": { "type": "string" } },
                "timeoutMs": { "type": "integer", "minimum": 1, "maximum": 300000 }
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
