using System.Text.Json.Nodes;
using Toolflow.Core.Import.Expressions;
using Toolflow.Core.Import.Graph;
using Toolflow.Core.Import.N8n;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Import.Mapping;

/// <summary>What a mapper needs for one node: its parameters, value conversion, and where to note problems.</summary>
internal sealed class MappingContext
{
    private readonly ValueConverter converter;

    public MappingContext(N8nNode node, ImportGraph graph, DataRefResolver resolver)
    {
        Node = node;
        Graph = graph;
        Resolver = resolver;
        Rewriter = new N8nExpressionRewriter(resolver, node.Name, graph.Workflow.Name);
        converter = new ValueConverter(Rewriter, Problems);
    }

    public N8nNode Node { get; }

    public ImportGraph Graph { get; }

    public DataRefResolver Resolver { get; }

    public N8nExpressionRewriter Rewriter { get; }

    public string Id => Graph.Ids[Node.Name];

    public JsonObject Parameters => Node.Parameters;

    /// <summary>Expressions that have no equivalent; any entry makes the node unconverted.</summary>
    public List<string> Problems { get; } = [];

    public List<string> Warnings { get; } = [];

    public JsonNode? Value(JsonNode? n8nValue) => converter.Value(n8nValue);

    public string Template(string text) => converter.Template(text);

    public string Js(JsonNode? n8nValue) => converter.Js(n8nValue);

    public string? Text(string name) => N8nDocumentReader.Text(Parameters[name]);

    public string? Text(JsonNode? node) => N8nDocumentReader.Text(node);

    /// <summary>A resource-locator value (<c>{"__rl": true, "value": …}</c>) or a plain string.</summary>
    public static string? Locator(JsonNode? node) =>
        node is JsonObject o ? N8nDocumentReader.Text(o["value"]) : N8nDocumentReader.Text(node);

    /// <summary>A JavaScript expression for the item this node receives (n8n's <c>$json</c>).</summary>
    public string CurrentItem()
    {
        var data = Resolver.Current(Node.Name);
        if (data.Base is null)
        {
            Problems.Add(data.Problem ?? "no input item");
            return "undefined";
        }

        return data.WebhookRequest ? "({ body: input })" : data.Base + data.Shape.Suffix;
    }

    public NodeMapping Unsupported(string what) =>
        NodeMapping.Unconverted(UnconvertedKind.UnsupportedParameters, what);
}
