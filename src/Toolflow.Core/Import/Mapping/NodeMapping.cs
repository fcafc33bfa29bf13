using System.Text.Json.Nodes;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Import.Mapping;

/// <summary>A mapper's answer: a tool and config, or the reason the node cannot be converted.</summary>
internal sealed record NodeMapping
{
    public string? Tool { get; init; }

    public JsonObject Config { get; init; } = [];

    /// <summary>Branch taken for each n8n output index; null means the node has only output 0.</summary>
    public IReadOnlyList<string?>? Branches { get; init; }

    public string? ForEach { get; init; }

    public UnconvertedKind? Kind { get; init; }

    public string? Reason { get; init; }

    /// <summary>Names of AI sub-nodes whose settings this node absorbed.</summary>
    public IReadOnlyList<string> Folded { get; init; } = [];

    /// <summary>The n8n node whose credential this node uses, when not its own (a folded model sub-node).</summary>
    public string? CredentialNode { get; init; }

    public bool IsConverted => Tool is not null;

    public static NodeMapping To(string tool, JsonObject config) => new() { Tool = tool, Config = config };

    public static NodeMapping Unconverted(UnconvertedKind kind, string reason) => new() { Kind = kind, Reason = reason };
}
