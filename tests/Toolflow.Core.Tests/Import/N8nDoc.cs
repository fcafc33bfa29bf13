using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Tests.Import;

/// <summary>Builds small n8n exports for the mapping tests, and reads the converted result.</summary>
internal sealed class N8nDoc
{
    private readonly JsonArray nodes = [];
    private readonly JsonObject connections = [];

    public N8nDoc Node(string name, string type, string parameters = "{}", double version = 1, string? extra = null)
    {
        var node = new JsonObject
        {
            ["name"] = name,
            ["type"] = type.Contains('.', StringComparison.Ordinal) ? type : "n8n-nodes-base." + type,
            ["typeVersion"] = version,
            ["position"] = new JsonArray(100 * nodes.Count, 200),
            ["parameters"] = JsonNode.Parse(parameters),
        };
        foreach (var (key, value) in JsonNode.Parse(extra ?? "{}")!.AsObject())
        {
            node[key] = value?.DeepClone();
        }

        nodes.Add(node);
        return this;
    }

    public N8nDoc Trigger() => Node("Start", "manualTrigger");

    /// <summary>Connects <paramref name="source"/>'s output <paramref name="output"/> to <paramref name="target"/>.</summary>
    public N8nDoc Connect(string source, string target, int output = 0, string kind = "main", int input = 0)
    {
        var kinds = connections[source] as JsonObject ?? [];
        connections[source] = kinds;
        var outputs = kinds[kind] as JsonArray ?? [];
        kinds[kind] = outputs;
        while (outputs.Count <= output)
        {
            outputs.Add(new JsonArray());
        }

        outputs[output]!.AsArray().Add(new JsonObject { ["node"] = target, ["type"] = kind, ["index"] = input });
        return this;
    }

    public string? Timezone { get; init; }

    public string Json => new JsonObject
    {
        ["name"] = "Test workflow",
        ["settings"] = new JsonObject { ["timezone"] = Timezone },
        ["nodes"] = nodes.DeepClone(),
        ["connections"] = connections.DeepClone(),
    }.ToJsonString();

    public N8nImportResult Convert(bool placeholders = false) => N8nImporter.Convert(Json, new N8nImportOptions { Placeholders = placeholders });
}

internal static class ResultExtensions
{
    public static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WorkflowDefinition Sound(this N8nImportResult result)
    {
        Assert.NotNull(result.Definition);
        Assert.DoesNotContain(result.Report.Warnings, w => w.StartsWith("self-check", StringComparison.Ordinal));
        return result.Definition;
    }

    public static NodeDefinition Node(this WorkflowDefinition definition, string id) => Assert.Single(definition.Nodes, n => n.Id == id);

    public static string Config(this WorkflowDefinition definition, string id, string field) =>
        definition.Node(id).Config![field]!.ToJsonString();

    public static string Text(this WorkflowDefinition definition, string id, string field) =>
        definition.Node(id).Config![field]!.GetValue<string>();

    public static NodeReport Entry(this N8nImportResult result, string name) => Assert.Single(result.Report.Nodes, n => n.N8nName == name);
}
