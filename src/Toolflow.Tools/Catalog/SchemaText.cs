using System.Text.Json.Nodes;

namespace Toolflow.Tools.Catalog;

/// <summary>Parses the JSON written in the descriptor files.</summary>
internal static class SchemaText
{
    public const string Draft = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>
    /// Parses and touches every node: a parsed JsonObject materialises its members lazily on
    /// first read, which is not safe when two threads read a shared descriptor at once.
    /// </summary>
    public static JsonObject Parse(string json)
    {
        var node = JsonNode.Parse(json)?.AsObject() ?? throw new ArgumentException("schema text is not an object", nameof(json));
        Touch(node);
        return node;
    }

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Touch(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Touch(child);
                }

                break;
        }
    }
}
