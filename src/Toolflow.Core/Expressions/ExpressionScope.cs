using System.Text.Json.Nodes;

namespace Toolflow.Core.Expressions;

/// <summary>
/// What an expression may see (SPEC §2): the execution input, the outputs of committed nodes,
/// the forEach item and index, the execution facts and template parameters. Credentials have
/// no field here on purpose: they can never reach a script.
/// </summary>
public sealed record ExpressionScope
{
    public static readonly ExpressionScope Empty = new();

    public JsonNode? Input { get; init; }

    /// <summary>Outputs of nodes that ended with an output, keyed by node id.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Nodes { get; init; } = new Dictionary<string, JsonNode?>();

    public JsonNode? Item { get; init; }

    public int? Index { get; init; }

    public ExecutionFacts? Execution { get; init; }

    public JsonNode? Params { get; init; }
}

/// <summary>The <c>execution</c> object of the expression scope.</summary>
public sealed record ExecutionFacts(string Id, DateTimeOffset StartedAt, string? WorkflowId);
