using System.Collections.Concurrent;

namespace Toolflow.Core.Expressions;

/// <summary>
/// Parsed templates keyed by their source text, so a config string is split once per process,
/// not once per run. Bounded: when full it is cleared (a re-parse, never a wrong answer).
/// </summary>
public static class TemplateCache
{
    private const int Capacity = 8192;
    private static readonly ConcurrentDictionary<string, ExpressionTemplate> Templates = new(StringComparer.Ordinal);

    public static ExpressionTemplate Get(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Templates.TryGetValue(source, out var template))
        {
            return template;
        }

        template = ExpressionTemplate.Parse(source);
        if (Templates.Count >= Capacity)
        {
            Templates.Clear();
        }

        Templates[source] = template;
        return template;
    }
}
