using System.Text.Json;

namespace Toolflow.Core.Validation;

/// <summary>
/// A lenient view of a definition's JSON for the graph rules: every field that has the right
/// JSON type is read, every other is null (its type error is already reported). So a cycle is
/// still found in a document whose retry policy is malformed.
/// </summary>
public sealed class RawWorkflow
{
    private RawWorkflow(JsonElement root, IReadOnlyList<RawNode> nodes, IReadOnlyList<RawEdge> edges)
    {
        Root = root;
        Nodes = nodes;
        Edges = edges;
    }

    public JsonElement Root { get; }

    public IReadOnlyList<RawNode> Nodes { get; }

    public IReadOnlyList<RawEdge> Edges { get; }

    public static RawWorkflow From(JsonElement root)
    {
        var nodes = new List<RawNode>();
        var edges = new List<RawEdge>();
        if (root.ValueKind == JsonValueKind.Object)
        {
            var index = 0;
            foreach (var node in Items(root, "nodes"))
            {
                // A node that is not an object is already reported; the rules only see real nodes.
                if (node.ValueKind == JsonValueKind.Object)
                {
                    nodes.Add(new RawNode(index, $"/nodes/{index}", node));
                }

                index++;
            }

            index = 0;
            foreach (var edge in Items(root, "edges"))
            {
                edges.Add(new RawEdge(index, $"/edges/{index}", String(edge, "source"), String(edge, "target"), String(edge, "branch")));
                index++;
            }
        }

        return new RawWorkflow(root, nodes, edges);
    }

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object &&
        element.TryGetProperty(name, out var value) &&
        value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static IEnumerable<JsonElement> Items(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray()
            : [];
}

public sealed class RawNode(int index, string pointer, JsonElement element)
{
    public int Index { get; } = index;

    public string Pointer { get; } = pointer;

    public JsonElement Element { get; } = element;

    public string? Id { get; } = RawWorkflow.String(element, "id");

    public string? Tool { get; } = RawWorkflow.String(element, "tool");

    public string? ToolInstanceId { get; } = RawWorkflow.String(element, "toolInstanceId");

    public string? OnError { get; } = RawWorkflow.String(element, "onError");

    public string? ForEach { get; } = RawWorkflow.String(element, "forEach");

    /// <summary>The config object, or null when absent or not an object.</summary>
    public JsonElement? Config { get; } =
        RawWorkflow.Property(element, "config") is { ValueKind: JsonValueKind.Object } config ? config : null;

    /// <summary>How messages name the node: its id when it has one, else its position.</summary>
    public string Label => Id is null ? $"node #{Index}" : $"'{Id}'";
}

public sealed record RawEdge(int Index, string Pointer, string? Source, string? Target, string? Branch);
