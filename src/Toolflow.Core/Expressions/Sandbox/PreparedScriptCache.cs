using System.Collections.Concurrent;
using Acornima.Ast;
using Jint;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// Parsed-once scripts shared by every engine of the process. Bounded: when full it is cleared,
/// which costs a re-parse, never a wrong answer.
/// </summary>
internal static class PreparedScriptCache
{
    private const int Capacity = 4096;
    private static readonly ConcurrentDictionary<string, Prepared<Script>> Scripts = new(StringComparer.Ordinal);

    public static Prepared<Script> Get(string source)
    {
        if (Scripts.TryGetValue(source, out var prepared))
        {
            return prepared;
        }

        prepared = Engine.PrepareScript(source, strict: true);
        if (Scripts.Count >= Capacity)
        {
            Scripts.Clear();
        }

        Scripts[source] = prepared;
        return prepared;
    }
}
