namespace Toolflow.Core.Validation;

/// <summary>Collects problems in the order they are found; every rule adds to one list so none hides another.</summary>
public sealed class ProblemList
{
    private readonly List<ValidationProblem> _problems = [];

    public int Count => _problems.Count;

    public IReadOnlyList<ValidationProblem> Items => _problems;

    public void Add(string pointer, string message) => _problems.Add(new ValidationProblem(pointer, message));

    public void AddRange(IEnumerable<ValidationProblem> problems) => _problems.AddRange(problems);

    /// <summary>True when a problem was already reported at <paramref name="pointer"/> or inside it.</summary>
    public bool HasAtOrBelow(string pointer) =>
        _problems.Exists(p => p.Pointer == pointer || p.Pointer.StartsWith(pointer + "/", StringComparison.Ordinal));

    public IReadOnlyList<ValidationProblem> ToList() => [.. _problems];
}
