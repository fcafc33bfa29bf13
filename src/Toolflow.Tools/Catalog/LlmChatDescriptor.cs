using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>llm.chat: one chat completion from an OpenAI-compatible or Ollama provider.</summary>
internal static class LlmChatDescriptor
{
    public static readonly ToolDescriptor Descriptor = new()
    {
        Name = "llm.chat",
        Description = "Asks a chat model (OpenAI-compatible or Ollama) with a prompt or messages; outputs the text, the parsed JSON when asked for, and the token usage.",
        Category = "llm",
        ConfigSchema = SchemaText.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "provider": { "enum": ["openai", "ollama"] },
                "model": { "type": "string", "minLength": 1 },
                "system": { "type": "string" },
                "prompt": { "type": "string", "minLength": 1 },
                "messages": {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "type": "object",
                    "properties": {
                      "role": { "enum": ["system", "user", "assistant"] },
                      "content": { "type": "string" }
                    },
                    "required": ["role", "content"],
                    "additionalProperties": false
                  }
                },
                "temperature": { "type": "number", "minimum": 0, "maximum": 2 },
                "maxTokens": { "type": "integer", "minimum": 1, "maximum": 1000000 },
                "responseFormat": { "type": ["string", "object"], "default": "text", "description": "'text', 'json', or a JSON Schema object the JSON answer must follow." },
                "timeoutMs": { "type": "integer", "minimum": 1, "maximum": 600000 }
              },
              "additionalProperties": false,
              "dependentSchemas": { "prompt": { "properties": { "messages": false } } },
              "if": { "not": { "required": ["prompt"] } },
              "then": { "required": ["messages"], "errorMessage": "needs either 'prompt' or 'messages'" }
            }
            """),
        OutputSchema = SchemaText.Parse("""
            {
              "type": "object",
              "properties": {
                "text": { "type": "string" },
                "json": { "description": "The parsed answer, with responseFormat json." },
                "usage": {
                  "type": "object",
                  "properties": { "inputTokens": { "type": "integer" }, "outputTokens": { "type": "integer" } },
                  "required": ["inputTokens", "outputTokens"]
                }
              },
              "required": ["text", "usage"]
            }
            """),
        ExampleConfig = SchemaText.Parse("""
            {
              "provider": "openai",
              "model": "gpt-4o-mini",
              "system": "You summarise news for a busy reader.",
              "prompt": "Summarise in three bullet points: {{ nodes.fetch.output.body }}",
              "temperature": 0.2,
              "maxTokens": 400
            }
            """),
    };
}
