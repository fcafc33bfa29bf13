using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Tests.Validation;
using Toolflow.Tools.Catalog;

namespace Toolflow.Core.Tests.Definitions;

public sealed class RoundTripTests
{
    public static TheoryData<string> ToolNames => [.. BuiltInToolDescriptors.All.Select(t => t.Name)];

    /// <summary>A definition whose first node uses the tool's example config, with every optional node field set.</summary>
    private static JsonObject ExampleDefinition(string tool) => new()
    {
        ["name"] = $"example of {tool}",
        ["description"] = "round trip",
        ["tags"] = new JsonArray("example"),
        ["trigger"] = new JsonObject { ["type"] = "schedule", ["cron"] = "0 8 * * 1-5", ["timezone"] = "Europe/Paris" },
        ["inputSchema"] = new JsonObject { ["type"] = "object" },
        ["nodes"] = new JsonArray(new JsonObject
        {
            ["id"] = "step",
            ["tool"] = tool,
            ["name"] = "The step",
            ["config"] = BuiltInToolDescriptors.All.Single(t => t.Name == tool).ExampleConfig!.DeepClone(),
            ["credential"] = "main",
            ["retry"] = new JsonObject { ["maxAttempts"] = 3, ["backoff"] = "exponential", ["initialDelayMs"] = 500, ["maxDelayMs"] = 5000 },
            ["timeoutMs"] = 10000,
            ["forEach"] = "{{ input.items }}",
            ["concurrency"] = 2,
            ["onError"] = "continue",
            ["position"] = new JsonObject { ["x"] = 10.5, ["y"] = -3 },
        },
        // The example configs read the outputs of these nodes, so they run before it.
        new JsonObject { ["id"] = "fetch", ["tool"] = "flow.merge" },
        new JsonObject { ["id"] = "summary", ["tool"] = "flow.merge" },
        new JsonObject { ["id"] = "order", ["tool"] = "flow.merge" }),
        ["edges"] = new JsonArray(
            new JsonObject { ["source"] = "fetch", ["target"] = "step" },
            new JsonObject { ["source"] = "summary", ["target"] = "step" },
            new JsonObject { ["source"] = "order", ["target"] = "step" }),
        ["output"] = "{{ nodes.step.output }}",
    };

    [Theory]
    [MemberData(nameof(ToolNames))]
    public void ExampleDefinition_OfEveryTool_IsValid_AndRoundTripsWithoutLoss(string tool)
    {
        var original = ExampleDefinition(tool);
        var result = Validate.Node(original);
        Validate.AssertValid(result);

        var written = JsonSerializer.SerializeToNode(result.Definition!, DefinitionJsonContext.Default.WorkflowDefinition)!;
        Assert.True(JsonNode.DeepEquals(original, written), $"lost in round trip:\n{original}\n---\n{written}");

        var reread = JsonSerializer.Deserialize(written.ToJsonString(), DefinitionJsonContext.Default.WorkflowDefinition)!;
        Assert.Equal(result.Definition!.Nodes[0].Retry, reread.Nodes[0].Retry);
        Assert.True(JsonNode.DeepEquals(result.Definition.Nodes[0].Config, reread.Nodes[0].Config));
    }

    [Fact]
    public void SpecExample_RoundTrips_AndNullsInsideConfigSurvive()
    {
        var definition = JsonNode.Parse(SpecExample.Json)!.AsObject();
        definition["nodes"]![0]!["config"]!["body"] = null;
        var parsed = JsonSerializer.Deserialize(definition.ToJsonString(), DefinitionJsonContext.Default.WorkflowDefinition)!;
        var written = JsonSerializer.SerializeToNode(parsed, DefinitionJsonContext.Default.WorkflowDefinition)!;
        Assert.True(written["nodes"]![0]!["config"]!.AsObject().ContainsKey("body"));
        Assert.Equal(TriggerType.Schedule, parsed.Trigger!.Type);
    }

    [Fact]
    public void UnknownProperty_IsADeserialisationError_NotSilentlyDropped()
    {
        const string json = """{ "name": "x", "nodes": [ { "id": "a", "tool": "flow.merge", "colour": "red" } ] }""";
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, DefinitionJsonContext.Default.WorkflowDefinition));
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enums_AreWrittenAsTheirSpecStrings()
    {
        var definition = new WorkflowDefinition
        {
            Name = "enums",
            Trigger = new TriggerDefinition { Type = TriggerType.Webhook, Synchronous = true },
            Nodes = [new NodeDefinition { Id = "a", Tool = "flow.merge", OnError = OnErrorMode.Branch, Retry = new RetryPolicy { Backoff = BackoffKind.Exponential } }],
        };
        var json = JsonSerializer.Serialize(definition, DefinitionJsonContext.Default.WorkflowDefinition);
        Assert.Contains("\"type\":\"webhook\"", json, StringComparison.Ordinal);
        Assert.Contains("\"onError\":\"branch\"", json, StringComparison.Ordinal);
        Assert.Contains("\"backoff\":\"exponential\"", json, StringComparison.Ordinal);
    }
}
