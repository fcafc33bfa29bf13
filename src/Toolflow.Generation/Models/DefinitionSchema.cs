using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Tools;

namespace Toolflow.Generation.Models;

/// <summary>
/// The JSON Schema a model's answer must follow: a workflow definition (SPEC §2) whose node tools
/// are the retrieved ones. Tool configs are checked by the validator afterwards, with messages fed back.
/// </summary>
internal static class DefinitionSchema
{
    public static JsonElement For(IEnumerable<ToolDescriptor> tools)
    {
        var names = new JsonArray([.. tools.Select(t => (JsonNode)t.Name)]);
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("name", "nodes", "edges"),
            ["properties"] = new JsonObject
            {
                ["name"] = new JsonObject { ["type"] = "string", ["minLength"] = 1, ["maxLength"] = 200 },
                ["description"] = new JsonObject { ["type"] = "string" },
                ["tags"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                ["trigger"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("type"),
                    ["properties"] = new JsonObject
                    {
                        ["type"] = new JsonObject { ["enum"] = new JsonArray("manual", "schedule", "webhook", "workflow") },
                        ["cron"] = new JsonObject { ["type"] = "string" },
                        ["timezone"] = new JsonObject { ["type"] = "string" },
                        ["workflowId"] = new JsonObject { ["type"] = "string" },
                        ["on"] = new JsonObject { ["enum"] = new JsonArray("completed", "failed") },
                    },
                },
                ["nodes"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("id", "tool", "config"),
                        ["properties"] = new JsonObject
                        {
                            ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z_][A-Za-z0-9_-]{0,63}$" },
                            ["tool"] = new JsonObject { ["enum"] = names },
                            ["config"] = new JsonObject { ["type"] = "object" },
                            ["credential"] = new JsonObject { ["type"] = "string" },
                            ["forEach"] = new JsonObject { ["type"] = "string" },
                            ["timeoutMs"] = new JsonObject { ["type"] = "integer" },
                            ["onError"] = new JsonObject { ["enum"] = new JsonArray("fail", "continue", "branch") },
                        },
                    },
                },
                ["edges"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("source", "target"),
                        ["properties"] = new JsonObject
                        {
                            ["source"] = new JsonObject { ["type"] = "string" },
                            ["target"] = new JsonObject { ["type"] = "string" },
                            ["branch"] = new JsonObject { ["type"] = "string" },
                        },
                    },
                },
            },
        };
        return JsonSerializer.SerializeToElement(schema, GenerationJson.Default.JsonObject);
    }
}
