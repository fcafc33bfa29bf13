using System.Text.Json.Nodes;
using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import.Mapping;

/// <summary>The n8n chat-model sub-nodes and the llm.chat settings each one stands for.</summary>
internal static class LanguageModels
{
    private const string Prefix = "@n8n/n8n-nodes-langchain.";

    /// <summary>Model types Toolflow reaches natively (OpenAI-compatible or Ollama).</summary>
    private static readonly Dictionary<string, string> Native = new(StringComparer.Ordinal)
    {
        [Prefix + "lmChatOpenAi"] = "openai",
        [Prefix + "lmOpenAi"] = "openai",
        [Prefix + "lmChatOllama"] = "ollama",
        [Prefix + "lmOllama"] = "ollama",
    };

    /// <summary>Vendors that serve an OpenAI-compatible endpoint, reached through the openai provider.</summary>
    private static readonly HashSet<string> Compatible = new(StringComparer.Ordinal)
    {
        Prefix + "lmChatGoogleGemini", Prefix + "lmChatAnthropic", Prefix + "lmChatOpenRouter", Prefix + "lmChatDeepSeek",
        Prefix + "lmChatGroq", Prefix + "lmChatMistralCloud", Prefix + "lmChatXAiGrok", Prefix + "lmChatAzureOpenAi",
    };

    public static bool IsModel(N8nNode node) => Native.ContainsKey(node.Type) || Compatible.Contains(node.Type);

    /// <summary>Adds provider, model and options of <paramref name="model"/> to an llm.chat config.</summary>
    public static void Apply(MappingContext context, N8nNode model, JsonObject config)
    {
        if (!Native.TryGetValue(model.Type, out var provider))
        {
            provider = "openai";
            context.Warnings.Add($"model node '{model.Name}' ({model.ShortType}) is reached through the openai provider: point its credential at the vendor's OpenAI-compatible endpoint");
        }

        config["provider"] = provider;
        var p = model.Parameters;
        var name = MappingContext.Locator(p["model"]) ?? MappingContext.Locator(p["modelName"]);
        if (name is { Length: > 0 })
        {
            config["model"] = context.Template(name.StartsWith("models/", StringComparison.Ordinal) ? name["models/".Length..] : name);
        }

        var options = p["options"] as JsonObject ?? [];
        if (options["temperature"] is JsonValue t)
        {
            config["temperature"] = t.DeepClone();
        }

        if ((options["maxTokens"] ?? options["maxTokensToSample"] ?? options["maxOutputTokens"]) is JsonValue max)
        {
            config["maxTokens"] = max.DeepClone();
        }

        if (N8nDocumentReader.Text(options["responseFormat"]) == "json_object")
        {
            config["responseFormat"] = "json";
        }
    }
}
