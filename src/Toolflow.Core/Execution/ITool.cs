namespace Toolflow.Core.Execution;

/// <summary>
/// A tool a node runs. The engine resolves the node's config expressions first, so a tool
/// sees plain JSON. Register an implementation by its <see cref="Name"/> to add a tool.
/// </summary>
public interface ITool
{
    /// <summary>Dotted name, e.g. <c>data.set</c>; matches the tool descriptor.</summary>
    string Name { get; }

    /// <summary>True when running it twice is visible outside; such tools get an idempotency key.</summary>
    bool HasSideEffects => false;

    /// <summary>Top-level config properties the engine must not evaluate as templates (e.g. a code body).</summary>
    IReadOnlyCollection<string> RawConfigProperties => [];

    ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>Finds tools by name.</summary>
public interface IToolRegistry
{
    ITool? Find(string name);
}
