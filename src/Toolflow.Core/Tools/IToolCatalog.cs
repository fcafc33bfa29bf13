namespace Toolflow.Core.Tools;

/// <summary>Looks up tool descriptors by name; the registry of SPEC §2.</summary>
public interface IToolCatalog
{
    IReadOnlyCollection<ToolDescriptor> All { get; }

    ToolDescriptor? Find(string name);
}
