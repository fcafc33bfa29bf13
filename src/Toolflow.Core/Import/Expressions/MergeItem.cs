using Toolflow.Core.Import.Graph;
using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// What n8n's item after a Merge is, in terms of the merged inputs: one input's item when the merge
/// passes a branch through, both items combined for combine modes, nothing single for append or SQL.
/// </summary>
internal static class MergeItem
{
    private static readonly HashSet<string> PassModes = ["passThrough", "chooseBranch"];

    private static readonly HashSet<string> CombineModes = ["combine", "mergeByIndex", "mergeByKey", "mergeByPosition", "multiplex", "combineByPosition", "combineByFields", "combineAll"];

    public static DataRef Resolve(ImportGraph graph, N8nNode merge, Func<string, DataRef> resolveParent)
    {
        var mode = N8nDocumentReader.Text(merge.Parameters["mode"]) ?? "append";
        var inputs = graph.MainInto(merge.Name).GroupBy(c => c.InputIndex).OrderBy(g => g.Key)
            .Select(g => g.Select(c => c.Source).Distinct().ToList()).ToList();
        if (inputs.Any(i => i.Count != 1))
        {
            return DataRef.Fail($"merge '{merge.Name}' has an input fed by several nodes");
        }

        if (PassModes.Contains(mode))
        {
            var chosen = N8nDocumentReader.Text(merge.Parameters["output"]) == "input2" ? 1 : 0;
            return chosen < inputs.Count ? resolveParent(inputs[chosen][0]) : DataRef.Fail($"merge '{merge.Name}' passes an input that is not connected");
        }

        if (!CombineModes.Contains(mode))
        {
            return DataRef.Fail($"merge '{merge.Name}' in mode '{mode}' emits several items, which have no single Toolflow equivalent");
        }

        var parts = inputs.Select(i => resolveParent(i[0])).ToList();
        var failed = parts.FirstOrDefault(p => p.Base is null || p.Shape.Renames is not null || p.WebhookRequest);
        if (failed is not null)
        {
            return failed.Base is null ? failed : DataRef.Fail($"merge '{merge.Name}' combines an item that cannot be combined here");
        }

        // Combining matched items: n8n copies the fields of both into one item.
        var combined = $"Object.assign({{}}, {string.Join(", ", parts.Select(p => p.Base + p.Shape.Suffix))})";
        return new DataRef(combined, null, new OutputShape());
    }
}
