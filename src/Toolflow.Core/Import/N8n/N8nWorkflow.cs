using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Core.Import.N8n;

/// <summary>An n8n export after the structural checks: nodes by unique name and their connections.</summary>
public sealed record N8nWorkflow(
    string Name,
    IReadOnlyList<N8nNode> Nodes,
    IReadOnlyList<N8nConnection> Connections,
    IReadOnlyList<string> Tags)
{
    /// <summary>The workflow's <c>settings.timezone</c>, which n8n applies to its schedules.</summary>
    public string? Timezone { get; init; }
}

/// <summary>One n8n node as exported; <see cref="Parameters"/> is never null.</summary>
public sealed record N8nNode(
    string Name,
    string Type,
    double TypeVersion,
    JsonObject Parameters,
    JsonObject? Credentials,
    NodePosition? Position,
    bool Disabled,
    string? OnError,
    bool RetryOnFail,
    int? MaxTries,
    int? WaitBetweenTries)
{
    public const string StickyNoteType = "n8n-nodes-base.stickyNote";

    /// <summary>Node settings Toolflow has no field for (notes, executeOnce, alwaysOutputData), for the report.</summary>
    public IReadOnlyList<string> DroppedSettings { get; init; } = [];

    public bool IsStickyNote => Type == StickyNoteType;

    /// <summary>The type without its package prefix, e.g. <c>httpRequest</c>.</summary>
    public string ShortType => Type[(Type.LastIndexOf('.') + 1)..];
}

/// <summary>One connection: <paramref name="Kind"/> is <c>main</c> or an AI kind such as <c>ai_languageModel</c>.</summary>
public sealed record N8nConnection(string Source, string Kind, int OutputIndex, string Target, int InputIndex)
{
    public bool IsMain => Kind == "main";

    public override string ToString() => $"'{Source}' -[{Kind} {OutputIndex}]-> '{Target}'";
}
