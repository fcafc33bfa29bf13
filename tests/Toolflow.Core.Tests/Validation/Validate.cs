using System.Text.Json.Nodes;
using Toolflow.Core.Validation;
using Toolflow.Tools.Catalog;

namespace Toolflow.Core.Tests.Validation;

/// <summary>Shared validator and small helpers: a valid base definition to break one rule at a time.</summary>
internal static class Validate
{
    public static readonly WorkflowValidator Validator = new(ToolCatalog.BuiltIn);

    public static WorkflowValidationResult FromJson(string json) => Validator.Validate(json);

    public static WorkflowValidationResult Node(JsonNode definition) => Validator.Validate(definition.ToJsonString());

    /// <summary>The problems as <c>pointer: message</c> lines, for readable assertion failures.</summary>
    public static IReadOnlyList<string> Lines(WorkflowValidationResult result) => [.. result.Problems.Select(p => p.ToString())];

    public static void AssertValid(WorkflowValidationResult result)
    {
        Assert.True(result.IsValid, "expected valid, got:\n" + string.Join("\n", Lines(result)) + result.MalformedReason);
        Assert.NotNull(result.Definition);
    }

    /// <summary>Asserts a problem at exactly <paramref name="pointer"/> whose message contains <paramref name="text"/>.</summary>
    public static ValidationProblem AssertProblem(WorkflowValidationResult result, string pointer, string text)
    {
        Assert.Equal(ValidationOutcome.Invalid, result.Outcome);
        var match = result.Problems.FirstOrDefault(p => p.Pointer == pointer && p.Message.Contains(text, StringComparison.Ordinal));
        Assert.True(match is not null, $"no problem at '{pointer}' containing '{text}'; got:\n" + string.Join("\n", Lines(result)));
        return match!;
    }

    /// <summary>A small valid definition: fetch → check → (true) notify, using three tools.</summary>
    public static JsonObject Base() => JsonNode.Parse("""
        {
          "name": "Base",
          "nodes": [
            { "id": "fetch", "tool": "http.request", "config": { "url": "https://example.org/api" } },
            { "id": "check", "tool": "flow.condition", "config": { "expression": "{{ nodes.fetch.output.status == 200 }}" } },
            { "id": "notify", "tool": "data.template", "config": { "template": "ok: {{ nodes.fetch.output.body }}" } }
          ],
          "edges": [
            { "source": "fetch", "target": "check" },
            { "source": "check", "target": "notify", "branch": "true" }
          ]
        }
        """)!.AsObject();

    public static JsonObject NodeAt(JsonObject definition, int index) => definition["nodes"]![index]!.AsObject();

    public static JsonArray Nodes(JsonObject definition) => definition["nodes"]!.AsArray();

    public static JsonArray Edges(JsonObject definition) => definition["edges"]!.AsArray();
}
