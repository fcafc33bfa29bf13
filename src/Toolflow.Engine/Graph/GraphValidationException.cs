namespace Toolflow.Engine.Graph;

/// <summary>One structural problem, at a JSON pointer into the definition.</summary>
public sealed record GraphProblem(string Pointer, string Message)
{
    public override string ToString() => $"{Pointer}: {Message}";
}

/// <summary>The definition cannot be scheduled (duplicate ids, unknown edge endpoints, cycles).</summary>
public sealed class GraphValidationException : Exception
{
    public GraphValidationException(IReadOnlyList<GraphProblem> problems)
        : base(string.Join("; ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    public GraphValidationException()
    {
        Problems = [];
    }

    public GraphValidationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public GraphValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<GraphProblem> Problems { get; }
}
