using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Tools;

namespace Toolflow.Generation.Optimization;

/// <summary>
/// optimize_workflow(workflow): finds, each with its evidence,
/// sequential nodes with no data dependency (could run in parallel), side-effect-free nodes whose
/// output nobody reads, identical calls made twice, network nodes without retry or timeout, and —
/// from execution history — the slowest and the most failing nodes. With <c>apply</c> it returns the
/// definition with the applicable suggestions made.
/// </summary>
public sealed class WorkflowOptimizer(IToolCatalog catalog)
{
    private static readonly HashSet<string> Network = ["http.request", "llm.chat", "email.send", "db.query"];

    // Ordering through these is the point of them: a wait, an approval, a branch.
    private static readonly HashSet<string> Sequencing = ["flow.condition", "flow.switch", "flow.merge", "flow.delay", "flow.approval", "flow.fail", "flow.subworkflow"];

    public OptimizationResult Optimize(WorkflowDefinition definition, IReadOnlyList<NodeHistory> history, bool apply)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(history);
        var suggestions = new List<OptimizationSuggestion>();
        var current = definition;

        var duplicates = Duplicates(current);
        suggestions.AddRange(duplicates.Select(d => d.Suggestion));
        if (apply)
        {
            current = duplicates.Aggregate(current, (def, d) => RemoveDuplicate(def, d.Keep, d.Drop));
        }

        var unused = Unused(current);
        suggestions.AddRange(unused);
        if (apply)
        {
            current = unused.Aggregate(current, (def, s) => RemoveNode(def, s.Nodes[0]));
        }

        var parallel = Parallelizable(current);
        suggestions.AddRange(parallel);
        if (apply)
        {
            current = parallel.Aggregate(current, (def, s) => Unchain(def, s.Nodes[0], s.Nodes[1]));
        }

        var network = Resilience(current);
        suggestions.AddRange(network);
        if (apply)
        {
            current = AddResilience(current, network);
        }

        suggestions.AddRange(FromHistory(current, history));
        return new OptimizationResult(suggestions, apply ? current : null);
    }

    private List<(OptimizationSuggestion Suggestion, string Keep, string Drop)> Duplicates(WorkflowDefinition definition)
    {
        var result = new List<(OptimizationSuggestion, string, string)>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in definition.Nodes)
        {
            if (node.Tool is null || node.Tool is "flow.merge" or "flow.condition" or "flow.switch" or "flow.fail" or "flow.delay" or "flow.approval")
            {
                continue;
            }

            var key = $"{node.Tool}|{node.Credential}|{node.ForEach}|{node.Config?.ToJsonString()}";
            if (seen.TryGetValue(key, out var first))
            {
                // Only when the copy reads nothing its twin did not: then both see the same data.
                var a = definition.Nodes.First(n => n.Id == first);
                if (Parents(definition, first).SetEquals(Parents(definition, node.Id)) || (References.Of(node).Count == 0 && References.Of(a).Count == 0))
                {
                    result.Add((new OptimizationSuggestion("duplicate_call", [first, node.Id],
                        $"'{node.Id}' makes the same {node.Tool} call as '{first}': keep one and read its output",
                        new JsonObject { ["tool"] = node.Tool, ["config"] = node.Config?.DeepClone() }, true), first, node.Id));
                }
            }
            else
            {
                seen[key] = node.Id;
            }
        }

        return result;
    }

    private List<OptimizationSuggestion> Unused(WorkflowDefinition definition)
    {
        var read = definition.Nodes.SelectMany(References.Of).Concat(References.InText(definition.Output)).ToHashSet(StringComparer.Ordinal);
        var result = new List<OptimizationSuggestion>();
        foreach (var node in definition.Nodes)
        {
            if (node.Tool is not { } tool || catalog.Find(tool) is not { } descriptor || descriptor.HasSideEffects || tool.StartsWith("flow.", StringComparison.Ordinal))
            {
                continue;
            }

            var isLeaf = !definition.Edges.Any(e => e.Source == node.Id);

            // Without an output expression, a leaf's output IS the execution's output: it is used.
            if (read.Contains(node.Id) || (isLeaf && definition.Output is null))
            {
                continue;
            }

            result.Add(new OptimizationSuggestion("unused_node", [node.Id],
                $"nothing reads the output of '{node.Id}' ({tool}) and it has no side effects: remove it",
                new JsonObject { ["readers"] = new JsonArray(), ["hasSideEffects"] = false, ["leaf"] = isLeaf, ["outputExpression"] = definition.Output }, true));
        }

        return result;
    }

    private List<OptimizationSuggestion> Parallelizable(WorkflowDefinition definition)
    {
        var result = new List<OptimizationSuggestion>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in definition.Edges)
        {
            if (edge.Branch is not null || used.Contains(edge.Source) || used.Contains(edge.Target))
            {
                continue;
            }

            var source = definition.Nodes.FirstOrDefault(n => n.Id == edge.Source);
            var target = definition.Nodes.FirstOrDefault(n => n.Id == edge.Target);
            if (source?.Tool is not { } st || target?.Tool is not { } tt || Sequencing.Contains(st) || Sequencing.Contains(tt))
            {
                continue;
            }

            // Two side effects keep their order: the second may depend on the first having happened.
            if ((catalog.Find(st)?.HasSideEffects ?? true) && (catalog.Find(tt)?.HasSideEffects ?? true) && !(IsRead(source) && IsRead(target)))
            {
                continue;
            }

            var reads = References.Of(target);
            if (reads.Contains(source.Id) || Ancestors(definition, source.Id).Overlaps([target.Id]))
            {
                continue;
            }

            used.Add(source.Id);
            used.Add(target.Id);
            result.Add(new OptimizationSuggestion("parallelize", [source.Id, target.Id],
                $"'{target.Id}' runs after '{source.Id}' but reads none of its output: they can run in parallel",
                new JsonObject { ["edge"] = $"{source.Id} → {target.Id}", ["targetReads"] = new JsonArray([.. reads.Order(StringComparer.Ordinal).Select(r => (JsonNode)r)]) }, true));
        }

        return result;
    }

    private static bool IsRead(NodeDefinition node) =>
        node.Tool == "http.request" && ((string?)node.Config?["method"] ?? "GET").Equals("GET", StringComparison.OrdinalIgnoreCase)
        || node.Tool == "db.query" && ((string?)node.Config?["sql"] ?? string.Empty).TrimStart().StartsWith("select", StringComparison.OrdinalIgnoreCase);

    private List<OptimizationSuggestion> Resilience(WorkflowDefinition definition)
    {
        var result = new List<OptimizationSuggestion>();
        foreach (var node in definition.Nodes.Where(n => n.Tool is not null && Network.Contains(n.Tool)))
        {
            if (node.Retry is null || node.Retry.MaxAttempts <= 1)
            {
                result.Add(new OptimizationSuggestion("missing_retry", [node.Id], $"'{node.Id}' calls the network ({node.Tool}) without a retry policy: add one",
                    new JsonObject { ["tool"] = node.Tool, ["retry"] = null }, true));
            }

            if (node.TimeoutMs is null && node.Config?["timeoutMs"] is null)
            {
                result.Add(new OptimizationSuggestion("missing_timeout", [node.Id], $"'{node.Id}' calls the network ({node.Tool}) without a timeout: add one",
                    new JsonObject { ["tool"] = node.Tool, ["timeoutMs"] = null }, true));
            }
        }

        return result;
    }

    private static List<OptimizationSuggestion> FromHistory(WorkflowDefinition definition, IReadOnlyList<NodeHistory> history)
    {
        var present = definition.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var relevant = history.Where(h => h.Runs > 0 && present.Contains(h.NodeId)).ToList();
        var result = new List<OptimizationSuggestion>();
        foreach (var slow in relevant.OrderByDescending(h => h.AverageDurationMs).Take(3).Where(h => h.AverageDurationMs > 0))
        {
            result.Add(new OptimizationSuggestion("slow_node", [slow.NodeId],
                $"'{slow.NodeId}' is among the slowest nodes: {slow.AverageDurationMs.ToString("0", CultureInfo.InvariantCulture)} ms on average over {slow.Runs} run(s)",
                Evidence(slow), false));
        }

        foreach (var failing in relevant.Where(h => h.Failures > 0).OrderByDescending(h => h.FailureRate).ThenByDescending(h => h.Failures).Take(3))
        {
            result.Add(new OptimizationSuggestion("failing_node", [failing.NodeId],
                $"'{failing.NodeId}' failed {failing.Failures} of {failing.Runs} run(s) ({failing.FailureRate.ToString("P0", CultureInfo.InvariantCulture)}): check it, or give it a retry or an error branch",
                Evidence(failing), false));
        }

        return result;
    }

    private static JsonObject Evidence(NodeHistory h) => new()
    {
        ["runs"] = h.Runs,
        ["failures"] = h.Failures,
        ["failureRate"] = Math.Round(h.FailureRate, 3),
        ["averageDurationMs"] = Math.Round(h.AverageDurationMs, 1),
        ["maxDurationMs"] = h.MaxDurationMs,
    };

    private static WorkflowDefinition RemoveDuplicate(WorkflowDefinition definition, string keep, string drop)
    {
        var edges = definition.Edges.Where(e => e.Target != drop).Select(e => e.Source == drop ? e with { Source = keep } : e)
            .DistinctBy(e => (e.Source, e.Target, e.Branch)).ToList();
        var nodes = definition.Nodes.Where(n => n.Id != drop).Select(n => Rewrite(n, drop, keep)).ToList();
        var output = definition.Output is null ? null : References.Rename(definition.Output, drop, keep);
        return definition with { Nodes = nodes, Edges = edges, Output = output };
    }

    private static WorkflowDefinition RemoveNode(WorkflowDefinition definition, string id)
    {
        var into = definition.Edges.Where(e => e.Target == id).ToList();
        var outOf = definition.Edges.Where(e => e.Source == id).ToList();
        var bridges = into.SelectMany(i => outOf.Select(o => new EdgeDefinition { Source = i.Source, Target = o.Target, Branch = i.Branch }));
        var edges = definition.Edges.Where(e => e.Source != id && e.Target != id).Concat(bridges).DistinctBy(e => (e.Source, e.Target, e.Branch)).ToList();
        return definition with { Nodes = [.. definition.Nodes.Where(n => n.Id != id)], Edges = edges };
    }

    /// <summary>Removes a → b; b then starts where a started (a's incoming edges), so both run side by side.</summary>
    private static WorkflowDefinition Unchain(WorkflowDefinition definition, string a, string b)
    {
        var inherited = definition.Edges.Where(e => e.Target == a).Select(e => e with { Target = b });
        var edges = definition.Edges.Where(e => !(e.Source == a && e.Target == b)).Concat(inherited).DistinctBy(e => (e.Source, e.Target, e.Branch)).ToList();
        return definition with { Edges = edges };
    }

    private static WorkflowDefinition AddResilience(WorkflowDefinition definition, List<OptimizationSuggestion> found)
    {
        var retry = found.Where(s => s.Kind == "missing_retry").Select(s => s.Nodes[0]).ToHashSet(StringComparer.Ordinal);
        var timeout = found.Where(s => s.Kind == "missing_timeout").Select(s => s.Nodes[0]).ToHashSet(StringComparer.Ordinal);
        return definition with
        {
            Nodes = [.. definition.Nodes.Select(n => n with
            {
                Retry = retry.Contains(n.Id) ? new RetryPolicy { MaxAttempts = 3, Backoff = BackoffKind.Exponential, InitialDelayMs = 1000 } : n.Retry,
                TimeoutMs = timeout.Contains(n.Id) ? (n.Tool == "llm.chat" ? 120_000 : 30_000) : n.TimeoutMs,
            })],
        };
    }

    private static NodeDefinition Rewrite(NodeDefinition node, string from, string to)
    {
        var config = node.Config is null ? null : JsonNode.Parse(References.Rename(node.Config.ToJsonString(), from, to))!.AsObject();
        return node with { Config = config, ForEach = node.ForEach is null ? null : References.Rename(node.ForEach, from, to) };
    }

    private static HashSet<string> Parents(WorkflowDefinition definition, string id) =>
        definition.Edges.Where(e => e.Target == id).Select(e => e.Source + "|" + e.Branch).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Ancestors(WorkflowDefinition definition, string id)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([id]);
        while (stack.TryPop(out var current))
        {
            foreach (var edge in definition.Edges.Where(e => e.Target == current))
            {
                if (result.Add(edge.Source))
                {
                    stack.Push(edge.Source);
                }
            }
        }

        return result;
    }

    internal static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, DefinitionJsonContext.Default.WorkflowDefinition);
}
