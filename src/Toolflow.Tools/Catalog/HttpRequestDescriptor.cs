using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>http.request: one HTTP call, guarded against private addresses (SPEC §2).</summary>
internal static class HttpRequestDescriptor
{
    public static readonly ToolDescriptor Descriptor = new()
    {
        Name = "http.request",
        Description = "Sends an HTTP request and outputs status, headers and body (parsed when JSON). Private, loopback, link-local and metadata addresses are refused unless allowed by the administrator.",
        Category = "http",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "method": { "enum": ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], "default": "GET" },
                "url": { "type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://", "errorMessage": "must be an absolute http:// or https:// URL" },
                "headers": { "type": "object", "additionalProperties": { "type": ["string", "number", "boolean", "null"] } },
                "query": { "type": "object", "additionalProperties": { "type": ["string", "number", "boolean", "null"] } },
                "body": { "description": "Sent as JSON, unless it is a string." },
                "timeoutMs": { "type": "integer", "minimum": 1, "maximum": 300000, "default": 30000 },
                "maxResponseBytes": { "type": "integer", "minimum": 1, "maximum": 104857600, "default": 10485760 },
                "bodyType": { "enum": ["json", "text", "form"], "description": "Default: json for objects and arrays, text for strings." },
                "followRedirects": { "type": "boolean", "default": true },
                "failOnHttpError": { "type": "boolean", "default": true, "description": "false returns 4xx/5xx responses as output instead of failing the node." }
              },
              "required": ["url"],
              "additionalProperties": false
            }
            """),
        OutputSchema = SchemaText.Parse("""
            {
              "type": "object",
              "properties": {
                "status": { "type": "integer" },
                "headers": { "type": "object", "additionalProperties": { "type": ["string", "number", "boolean", "null"] } },
                "body": { "description": "Parsed JSON when the response is JSON, else text." }
              },
              "required": ["status", "headers", "body"]
            }
            """),
        HasSideEffects = true,
        ExampleConfig = SchemaText.Parse("""
            {
              "method": "POST",
              "url": "https://api.example.org/orders/{{ input.orderId }}/notes",
              "headers": { "Content-Type": "application/json" },
              "query": { "notify": true },
              "body": { "text": "{{ nodes.summary.output.text }}" },
              "timeoutMs": 10000,
              "maxResponseBytes": 1048576
            }
            """),
    };
}
