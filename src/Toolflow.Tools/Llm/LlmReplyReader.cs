using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Toolflow.Tools.Llm;

/// <summary>Reads the model's reply as JSON when JSON was asked for, and holds it to the schema when one was given.</summary>
internal static class LlmReplyReader
{
    private const int MaxErrors = 10;

    public static JsonNode? ReadJson(string text, LlmResponseFormat format)
    {
        var json = StripFence(text.Trim());
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new ToolFailureException("invalid_json", "the model's reply is not valid JSON", retryable: false);
        }

        if (format.Schema is { } schema)
        {
            using var document = JsonDocument.Parse(json);
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
            {
                throw new ToolFailureException("schema_mismatch", $"the model's reply does not match responseFormat: {string.Join("; ", Errors(results))}", retryable: false);
            }
        }

        return node;
    }

    private static IEnumerable<string> Errors(EvaluationResults results) =>
        new[] { results }.Concat(results.Details ?? [])
            .Where(r => r.Errors is { Count: > 0 })
            .SelectMany(r => r.Errors!.Select(e => $"{(r.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct()
            .Take(MaxErrors)
            .DefaultIfEmpty("the reply does not match the schema");

    // Some local models wrap JSON in a markdown fence even in JSON mode.
    private static string StripFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6)
        {
            return text;
        }

        var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
        return firstLine < 0 ? text : text[(firstLine + 1)..^3].Trim();
    }
}
