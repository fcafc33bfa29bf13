using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.Mapping;

/// <summary>OpenAI (LangChain package) "Message a Model" → llm.chat with its messages; other resources have no equivalent.</summary>
internal sealed class OpenAiMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["@n8n/n8n-nodes-langchain.openAi"];

    public NodeMapping Map(MappingContext context)
    {
        var resource = context.Text("resource") ?? "text";
        var operation = context.Text("operation") ?? "message";
        if (resource != "text" || operation != "message")
        {
            return context.Unsupported($"OpenAI {resource}/{operation} has no equivalent (only text/message maps to llm.chat)");
        }

        var config = new JsonObject { ["provider"] = "openai" };
        if (MappingContext.Locator(context.Parameters["modelId"]) is { Length: > 0 } model)
        {
            config["model"] = context.Template(model);
        }

        var messages = new JsonArray();
        foreach (var m in (context.Parameters["messages"].Get("values") as JsonArray ?? []).OfType<JsonObject>())
        {
            messages.Add((JsonNode)new JsonObject
            {
                ["role"] = context.Text(m["role"]) ?? "user",
                ["content"] = context.Template(context.Text(m["content"]) ?? ""),
            });
        }

        if (messages.Count == 0)
        {
            return context.Unsupported("it sends no messages");
        }

        config["messages"] = messages;
        var options = context.Parameters["options"] as JsonObject ?? [];
        if (options["temperature"] is JsonValue t)
        {
            config["temperature"] = context.Value(t);
        }

        if (options["maxTokens"] is JsonValue max)
        {
            config["maxTokens"] = context.Value(max);
        }

        if (context.Parameters["jsonOutput"] is JsonValue j && j.TryGetValue<bool>(out var json) && json)
        {
            config["responseFormat"] = "json";
        }

        if (context.Parameters["simplify"] is JsonValue s && s.TryGetValue<bool>(out var simplify) && !simplify)
        {
            context.Warnings.Add("n8n returned the raw API response; llm.chat returns { text, json?, usage }");
        }

        return NodeMapping.To("llm.chat", config);
    }
}
