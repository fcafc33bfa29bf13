using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>The tool registry's descriptors, looked up by name. Implementations are registered separately and found by the same name.</summary>
public sealed class ToolCatalog : IToolCatalog
{
    private readonly Dictionary<string, ToolDescriptor> _byName;

    public ToolCatalog(IEnumerable<ToolDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        _byName = new Dictionary<string, ToolDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            if (!_byName.TryAdd(descriptor.Name, descriptor))
            {
                throw new ArgumentException($"tool '{descriptor.Name}' is registered twice", nameof(descriptors));
            }
        }

        All = [.. _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)];
    }

    /// <summary>The built-in tools of SPEC §2.</summary>
    public static ToolCatalog BuiltIn { get; } = new(BuiltInToolDescriptors.All);

    public IReadOnlyCollection<ToolDescriptor> All { get; }

    public ToolDescriptor? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }
}
