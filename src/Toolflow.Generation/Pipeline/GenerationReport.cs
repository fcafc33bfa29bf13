namespace Toolflow.Generation.Pipeline;

/// <summary>What the generator could not map, and what the user still has to do (credentials, placeholders).</summary>
public sealed class GenerationReportBuilder
{
    private readonly List<string> notUnderstood = [];
    private readonly List<string> todos = [];

    public IReadOnlyList<string> NotUnderstood => notUnderstood;

    public IReadOnlyList<string> Todos => todos;

    public void NotMapped(string text)
    {
        if (!notUnderstood.Contains(text, StringComparer.Ordinal))
        {
            notUnderstood.Add(text);
        }
    }

    public void Todo(string text)
    {
        if (!todos.Contains(text, StringComparer.Ordinal))
        {
            todos.Add(text);
        }
    }
}
