namespace Toolflow.Core.Import.Report;

/// <summary>What became of an n8n node.</summary>
public enum NodeOutcome
{
    /// <summary>Became a Toolflow node.</summary>
    Mapped,

    /// <summary>Became the definition's <c>trigger</c> (no node).</summary>
    Trigger,

    /// <summary>A sticky note, kept in the description.</summary>
    StickyNote,

    /// <summary>An AI sub-node whose settings were folded into the node it serves (e.g. the model of an llm.chat).</summary>
    Folded,

    /// <summary>Not converted; <see cref="NodeReport.Reason"/> says why.</summary>
    Unconverted,
}

/// <summary>The category of a reason, for counting.</summary>
public enum UnconvertedKind
{
    UnknownNodeType,
    Cycle,
    AiSubNode,
    ExpressionWithoutEquivalent,
    UnsupportedParameters,
    UnsupportedTrigger,

    /// <summary>The converted node breaks a rule of the workflow validator (a config value, a reference).</summary>
    FailsValidation,
}

/// <summary>One n8n node's fate. <see cref="NodeId"/> is set when a Toolflow node (mapped or placeholder) stands for it.</summary>
public sealed record NodeReport(
    string N8nName,
    string N8nType,
    NodeOutcome Outcome,
    string? NodeId,
    string? Tool,
    UnconvertedKind? Kind,
    string? Reason,
    IReadOnlyList<string> Warnings);

/// <summary>An n8n connection that did not become an edge, and why.</summary>
public sealed record ConnectionReport(string Source, string Target, string Kind, int OutputIndex, string Reason);

/// <summary>A credential to create in Toolflow before the workflow can run.</summary>
public sealed record CredentialTodo(string NodeId, string CredentialName, string N8nCredentialType);

/// <summary>Totals over the report.</summary>
public sealed record ImportCounts(
    int N8nNodes,
    int Mapped,
    int Trigger,
    int StickyNotes,
    int Folded,
    int Unconverted,
    int MainConnections,
    int Edges,
    int TriggerConnections,
    int DroppedConnections);

/// <summary>The full account of an import: every n8n node and every dropped connection appears here.</summary>
public sealed record ImportReport(
    IReadOnlyList<NodeReport> Nodes,
    IReadOnlyList<ConnectionReport> DroppedConnections,
    IReadOnlyList<CredentialTodo> Credentials,
    IReadOnlyList<string> Warnings,
    ImportCounts Counts)
{
    /// <summary>Every node became a node, the trigger, the description or folded, and every main connection an edge.</summary>
    public bool FullyConverted => Counts.Unconverted == 0 && DroppedConnections.Count == 0;
}
