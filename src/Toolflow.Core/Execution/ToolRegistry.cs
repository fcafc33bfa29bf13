namespace Toolflow.Core.Execution;

/// <summary>A name → tool map; the last registration of a name wins.</summary>
public sealed class ToolRegistry : IToolRegistry
{
    private readonly Dictionary<string, ITool> _tools = new(StringComparer.Ordinal);

    public ToolRegistry(IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            _tools[tool.Name] = tool;
        }
    }

    public IReadOnlyCollection<string> Names => _tools.Keys;

    public ITool? Find(string name) => _tools.GetValueOrDefault(name);

    /// <summary>A registry with <paramref name="tool"/> added (or replacing one of the same name).</summary>
    public ToolRegistry With(ITool tool) => new(_tools.Values.Append(tool));
}
