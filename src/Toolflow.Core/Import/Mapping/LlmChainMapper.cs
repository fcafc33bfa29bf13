using System.Text.Json.Nodes;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Import.Mapping;

/// <summary>
/// Basic LLM Chain and AI Agent → llm.chat, folding the attached chat model (and a structured output
/// parser) into the config. An agent with tools, retrievers or vector stores has no equivalent.
/// </summary>
internal sealed class LlmChainMapper : IN8nNodeMapper
{
    private static readonly HashSet<string> Foldable = ["ai_languageModel", "ai_outputParser", "ai_memory"];

    public IReadOnlyList<string> Types { get; } = ["@n8n/n8n-nodes-langchain.chainLlm", "@n8n/n8n-nodes-langchain.agent"];

    public NodeMapping Map(MappingContext context)
    {
        var attached = context.Graph.AiInto(context.Node.Name).ToList();
        var foreign = attached.Where(c => !Foldable.Contains(c.Kind)).ToList();
        if (foreign.Count > 0)
        {
            return NodeMapping.Unconverted(UnconvertedKind.AiSubNode,
                $"AI sub-node connections have no equivalent: {string.Join(", ", foreign.Select(c => $"{c.Kind} from '{c.Source}'"))}");
        }

        var models = attached.Where(c => c.Kind == "ai_languageModel").Select(c => context.Graph.ByName[c.Source]).ToList();
        if (models.Count == 0 || !LanguageModels.IsModel(models[0]))
        {
            return NodeMapping.Unconverted(UnconvertedKind.AiSubNode, models.Count == 0
                ? "no chat model is attached (ai_languageModel)"
                : $"chat model '{models[0].Name}' ({models[0].Type}) has no equivalent provider");
        }

        var config = new JsonObject();
        LanguageModels.Apply(context, models[0], config);
        if (Prompt(context) is { } prompt)
        {
            config["prompt"] = prompt;
        }

        if (System(context) is { Length: > 0 } system)
        {
            config["system"] = system;
        }

        var folded = new List<string> { models[0].Name };
        if (models.Count > 1)
        {
            context.Warnings.Add($"fallback models ({string.Join(", ", models.Skip(1).Select(m => $"'{m.Name}'"))}) are not kept");
        }

        foreach (var parser in attached.Where(c => c.Kind == "ai_outputParser"))
        {
            config["responseFormat"] = "json";
            folded.Add(parser.Source);
            context.Warnings.Add($"output parser '{parser.Source}' became responseFormat json; its schema is not enforced");
        }

        return NodeMapping.To("llm.chat", config) with { Folded = folded, CredentialNode = models[0].Name };
    }

    private static string? Prompt(MappingContext context)
    {
        var promptType = context.Text("promptType");
        var text = context.Text("text") ?? context.Text("prompt");
        if (promptType == "define" || (promptType is null && text is not null))
        {
            return context.Template(text ?? "");
        }

        // "auto": n8n takes the prompt from the chat trigger's chatInput field.
        return context.Template("={{ $json.chatInput }}");
    }

    private static string? System(MappingContext context)
    {
        if (context.Text(context.Parameters["options"].Get("systemMessage")) is { } agentSystem)
        {
            return context.Template(agentSystem);
        }

        var messages = (context.Parameters["messages"].Get("messageValues") as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (messages.Any(m => (context.Text(m["type"]) ?? "SystemMessagePromptTemplate") != "SystemMessagePromptTemplate"))
        {
            context.Problems.Add("the chain has human or AI message templates, which llm.chat's system/prompt cannot hold");
        }

        var parts = messages.Select(m => context.Text(m["message"])).OfType<string>().Select(context.Template).ToList();
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }
}
