using System.Text.Json;
using Toolflow.Core.Tools;

namespace Toolflow.Core.Validation.Rules;

/// <summary>Edges join existing nodes, once, and a branch is one its source actually has.</summary>
public static class EdgeRules
{
    public const string ErrorBranch = "error";
    public const string DefaultBranch = "default";

    public static void Check(RawWorkflow workflow, IToolCatalog catalog, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(problems);
        var byId = new Dictionary<string, RawNode>(StringComparer.Ordinal);
        foreach (var node in workflow.Nodes.Where(n => n.Id is not null))
        {
            byId.TryAdd(node.Id!, node);
        }

        var seen = new Dictionary<(string, string, string?), int>();
        foreach (var edge in workflow.Edges)
        {
            if (edge.Source is not null && !byId.ContainsKey(edge.Source))
            {
                problems.Add(edge.Pointer + "/source", $"unknown node '{edge.Source}'");
            }

            if (edge.Target is not null && !byId.ContainsKey(edge.Target))
            {
                problems.Add(edge.Pointer + "/target", $"unknown node '{edge.Target}'");
            }

            if (edge.Source is null || edge.Target is null)
            {
                continue;
            }

            if (!seen.TryAdd((edge.Source, edge.Target, edge.Branch), edge.Index))
            {
                problems.Add(edge.Pointer, $"duplicate edge {edge.Source} → {edge.Target} (same as /edges/{seen[(edge.Source, edge.Target, edge.Branch)]})");
            }

            if (edge.Branch is not null && byId.TryGetValue(edge.Source, out var source))
            {
                CheckBranch(edge, source, catalog, problems);
            }
        }
    }

    private static void CheckBranch(RawEdge edge, RawNode source, IToolCatalog catalog, ProblemList problems)
    {
        var branches = BranchesOf(source, catalog);
        if (branches is null || branches.Contains(edge.Branch!))
        {
            return;
        }

        var has = branches.Count == 0 ? "it has no branches" : $"its branches are {string.Join(", ", branches.Select(b => $"'{b}'"))}";
        var onErrorHint = edge.Branch == ErrorBranch ? " (set \"onError\": \"branch\" on the source to get an 'error' branch)" : string.Empty;
        problems.Add(edge.Pointer + "/branch", $"node '{source.Id}' has no branch '{edge.Branch}': {has}{onErrorHint}");
    }

    /// <summary>The branches a node offers, or null when they cannot be known before it runs.</summary>
    public static IReadOnlyList<string>? BranchesOf(RawNode node, IToolCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(catalog);
        var branches = new List<string>();
        var descriptor = node.Tool is null ? null : catalog.Find(node.Tool);
        if (descriptor is null)
        {
            // A tool instance's tool is only known to the server; an unknown tool is reported elsewhere.
            return null;
        }

        branches.AddRange(descriptor.Branches);
        if (descriptor.BranchesFromConfig)
        {
            if (node.Config is not { } config ||
                !config.TryGetProperty("cases", out var cases) ||
                cases.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            branches.AddRange(cases.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!));
            branches.Add(DefaultBranch);
        }

        if (node.OnError == "branch")
        {
            branches.Add(ErrorBranch);
        }

        return branches;
    }
}
