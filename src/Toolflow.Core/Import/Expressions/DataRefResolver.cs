using Toolflow.Core.Import.Graph;

namespace Toolflow.Core.Import.Expressions;

/// <summary>Resolves n8n item references to Toolflow values, walking up through pass-through nodes.</summary>
internal sealed class DataRefResolver(ImportGraph graph, ForEachPlan plan)
{
    /// <summary><c>$json</c> of <paramref name="current"/>: the item it receives from its parent.</summary>
    public DataRef Current(string current) =>
        plan.Sources.TryGetValue(current, out var source) ? ItemOf(source) : Parents(current, "$json");

    /// <summary><c>$('name').item.json</c> as seen from <paramref name="current"/>.</summary>
    public DataRef Node(string current, string name)
    {
        if (!graph.ByName.ContainsKey(name))
        {
            return DataRef.Fail($"it refers to node '{name}', which does not exist");
        }

        // Inside a per-item chain, the nodes before run over the same items in the same order.
        var outer = false;
        for (var node = current; plan.Sources.TryGetValue(node, out var source); node = source, outer = true)
        {
            if (source == name)
            {
                return outer ? IndexedItemOf(source) : ItemOf(source);
            }
        }

        return Resolve(name, 0);
    }

    private DataRef ItemOf(string source) =>
        plan.IsSplit(graph, source) ? DataRef.Item : new DataRef("item", null, OutputShape.For(graph.ByName[source]));

    private DataRef IndexedItemOf(string source) => plan.IsSplit(graph, source)
        ? new DataRef(NodeOutput.Of(graph.Ids[source]) + ".items[index]", null, new OutputShape())
        : new DataRef(NodeOutput.Of(graph.Ids[source]) + "[index]", null, OutputShape.For(graph.ByName[source]));

    private DataRef Parents(string name, string what, int depth = 0)
    {
        var parents = graph.MainParents(name);
        if (parents.Count == 0)
        {
            return DataRef.Input(false);
        }

        // Several parents are fine when they all pass the same item along (e.g. both branches of an IF).
        var resolved = parents.Select(p => Resolve(p, depth)).ToList();
        if (resolved.All(r => r.Base is not null && r.Base == resolved[0].Base && r.WebhookRequest == resolved[0].WebhookRequest))
        {
            return resolved[0];
        }

        return parents.Count == 1
            ? resolved[0]
            : DataRef.Fail($"{what} of '{name}' comes from several parents ({string.Join(", ", parents.Select(p => $"'{p}'"))}); Toolflow has no single equivalent");
    }

    private DataRef Resolve(string name, int depth)
    {
        if (depth > 64)
        {
            return DataRef.Fail($"the reference to '{name}' runs through a loop");
        }

        var node = graph.ByName[name];
        var role = graph.Roles[name];
        if (role is NodeRole.Trigger or NodeRole.ExtraManualTrigger or NodeRole.UnsupportedTrigger)
        {
            return DataRef.Input(TriggerKinds.IsWebhookRequest(node));
        }

        if (role is NodeRole.Sticky or NodeRole.AiSubNode)
        {
            return DataRef.Fail($"'{name}' produces no items");
        }

        if (plan.Sources.ContainsKey(name))
        {
            return DataRef.Fail($"'{name}' runs once per split-out item (forEach) and Toolflow gathers its outputs into an array, so n8n's item of it has no single equivalent");
        }

        if (node.Type == "n8n-nodes-base.merge" && !node.Disabled)
        {
            return MergeItem.Resolve(graph, node, parent => Resolve(parent, depth + 1));
        }

        var shape = OutputShape.For(node);
        if (shape.PassThrough)
        {
            return Parents(name, $"the item passing through '{name}'", depth + 1);
        }

        if (shape.PerItem)
        {
            return DataRef.Fail($"it reads one item split out by '{name}', and only the node right after the split runs per item");
        }

        return new DataRef(NodeOutput.Of(graph.Ids[name]), null, shape);
    }
}
