using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// Where the n8n item of a node lives in its Toolflow output: HTTP's item is the response body,
/// an agent's <c>output</c> field is llm.chat's <c>text</c>, and IF/Switch/NoOp pass their input through.
/// </summary>
internal sealed record OutputShape
{
    public string Suffix { get; init; } = "";

    /// <summary>The node emits its input item unchanged; references resolve to its parent.</summary>
    public bool PassThrough { get; init; }

    /// <summary>When set, a reference must start with one of these member paths, rewritten to the value.</summary>
    public IReadOnlyDictionary<string, string>? Renames { get; init; }

    /// <summary>Split Out: each item is one element; only the node running per element (forEach) sees it.</summary>
    public bool PerItem { get; init; }

    public static OutputShape For(N8nNode node)
    {
        if (node.Disabled)
        {
            return new() { PassThrough = true };
        }

        return node.Type switch
        {
            // A text response is n8n's { data: "<text>" }; Toolflow's body is the text itself.
            "n8n-nodes-base.httpRequest" when TextResponse(node) => Renamed(("data", ".body")),
            "n8n-nodes-base.httpRequest" => new() { Suffix = ".body" },
            "n8n-nodes-base.postgres" => new() { Suffix = ".rows[0]" },
            "n8n-nodes-base.if" or "n8n-nodes-base.filter" or "n8n-nodes-base.switch" or "n8n-nodes-base.noOp"
                or "n8n-nodes-base.respondToWebhook" => new() { PassThrough = true },
            "n8n-nodes-base.wait" => new() { PassThrough = N8nDocumentReader.Text(node.Parameters["resume"]) is null or "timeInterval" or "specificTime" },
            "n8n-nodes-base.splitOut" or "n8n-nodes-base.itemLists" => new() { PerItem = true },
            // With a structured output parser n8n's item is { output: {…} }; llm.chat then answers json.
            "@n8n/n8n-nodes-langchain.agent" => Renamed(("output", Flag(node, "hasOutputParser") ? ".json" : ".text")),
            "@n8n/n8n-nodes-langchain.chainLlm" => Flag(node, "hasOutputParser") ? Renamed(("output", ".json")) : Renamed(("text", ".text")),
            "@n8n/n8n-nodes-langchain.openAi" => Renamed(("message.content", Flag(node, "jsonOutput") ? ".json" : ".text")),
            _ => new(),
        };
    }

    private static bool TextResponse(N8nNode node) =>
        N8nDocumentReader.Text(node.Parameters["responseFormat"]) == "string" ||
        N8nDocumentReader.Text(node.Parameters.Get("options").Get("response").Get("response").Get("responseFormat")) == "text";

    private static bool Flag(N8nNode node, string name) =>
        node.Parameters[name] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static OutputShape Renamed(params (string From, string To)[] renames) =>
        new() { Renames = renames.ToDictionary(r => r.From, r => r.To, StringComparer.Ordinal) };
}
