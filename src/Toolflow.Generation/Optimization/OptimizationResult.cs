using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Generation.Optimization;

/// <summary>
/// One suggested change. <see cref="Kind"/>: <c>parallelize</c>, <c>unused_node</c>, <c>duplicate_call</c>,
/// <c>missing_retry</c>, <c>missing_timeout</c>, <c>slow_node</c>, <c>failing_node</c>. <see cref="Evidence"/>
/// holds what the suggestion rests on (references found, configs compared, execution figures).
/// <see cref="Applicable"/> says whether applying changes the definition (history findings only inform).
/// </summary>
public sealed record OptimizationSuggestion(string Kind, IReadOnlyList<string> Nodes, string Message, JsonObject Evidence, bool Applicable);

/// <summary>The suggestions, and the optimised definition when applying was asked for.</summary>
public sealed record OptimizationResult(IReadOnlyList<OptimizationSuggestion> Suggestions, WorkflowDefinition? Optimized);
