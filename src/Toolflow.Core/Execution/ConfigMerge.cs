using System.Text.Json.Nodes;

namespace Toolflow.Core.Execution;

/// <summary>
/// Lays a node's config over its tool instance's: objects merge key by key (recursively), any
/// other value — arrays included — replaces what is below it, so a node can override one header
/// of an instance without restating the others.
/// </summary>
public static class ConfigMerge
{
    public static JsonObject Over(JsonObject? below, JsonObject? above)
    {
        var merged = below?.DeepClone() as JsonObject ?? [];
        if (above is null)
        {
            return merged;
        }

        foreach (var (key, value) in above)
        {
            merged[key] = value is JsonObject top && merged[key] is JsonObject bottom
                ? Over(bottom, top)
                : value?.DeepClone();
        }

        return merged;
    }
}
