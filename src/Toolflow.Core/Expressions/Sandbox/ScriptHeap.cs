using System.Collections.Concurrent;
using System.Reflection;
using Jint;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// What one script holds, measured by walking the managed objects its engine reaches. Each run has an engine
/// of its own (pooled engines are rented by one session at a time), so what that engine reaches beyond its
/// frozen built-ins is what the script built: its variables (the execution contexts and environments), the
/// closures and promises it keeps — whatever it can still reach. The CLR has no per-thread live-memory
/// figure (Jint's <c>LimitMemory</c> counts allocations instead, garbage included), and the process heap
/// mixes every thread's objects: a parallel node that holds a lot would be blamed on its neighbour.
/// The walk follows only Jint's objects (not its interpreter's nodes nor the syntax tree: code, not data),
/// arrays, strings and BCL collections; anything else (delegates, tasks, cancellation sources) is a border. Sizes are estimates (object
/// header plus eight bytes a field; arrays by element; strings two bytes a char).
/// </summary>
internal static class ScriptHeap
{
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> Fields = new();
    private static readonly Assembly JintAssembly = typeof(Engine).Assembly;

    /// <summary>Everything the frozen built-ins reach: taken once per engine, before any script runs, and never counted.</summary>
    public static HashSet<object> BuiltIns(Engine engine)
    {
        // Every built-in object points back at its engine: the engine (and so the running script's contexts)
        // must stay outside this set, or the measure would skip them.
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { engine };
        Walk([engine.Global, engine.Intrinsics], seen, null, null, long.MaxValue);
        seen.Remove(engine);
        return seen;
    }

    /// <summary>
    /// The objects of the scope handed to the script (its arguments: the host's data, not the script's), taken
    /// at the run's first measure: they are walked through but not counted. What the script hung on them
    /// before that first measure (at most one check period of allocation) is taken for the host's.
    /// </summary>
    public static HashSet<object> Host(Engine engine, object scope, HashSet<object> builtIns)
    {
        // The scope's objects point back at their engine: keep it (and so the running contexts) out.
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { engine };
        Walk([scope], seen, builtIns, null, long.MaxValue);
        seen.Remove(engine);
        return seen;
    }

    /// <summary>
    /// The bytes the engine reaches beyond <paramref name="builtIns"/> and <paramref name="host"/>, stopping as
    /// soon as it passes <paramref name="stopAbove"/>.
    /// </summary>
    public static long Measure(Engine engine, HashSet<object> builtIns, HashSet<object>? host, long stopAbove) =>
        Walk([engine], new HashSet<object>(ReferenceEqualityComparer.Instance), builtIns, host, stopAbove);

    /// <summary>Walks from <paramref name="roots"/>; objects in <paramref name="skip"/> are borders, those in <paramref name="uncounted"/> are crossed but not counted.</summary>
    private static long Walk(object[] roots, HashSet<object> seen, HashSet<object>? skip, HashSet<object>? uncounted, long stopAbove)
    {
        var pending = new Stack<object>(roots);
        long total = 0;
        while (pending.TryPop(out var current))
        {
            var type = current.GetType();
            // Boxed structs (from fields or array slots) are walked but are not objects of their own.
            if (!type.IsValueType && (skip?.Contains(current) == true || !seen.Add(current)))
            {
                continue;
            }

            var counted = uncounted?.Contains(current) != true;
            switch (current)
            {
                case string text:
                    total += counted ? 22 + (2L * text.Length) : 0;
                    break;
                case Array array:
                    total += counted ? ArrayBytes(array) : 0;
                    PushElements(array, pending);
                    break;
                default:
                    if (!Followed(type))
                    {
                        continue;
                    }

                    var fields = Fields.GetOrAdd(type, InstanceFields);
                    total += type.IsValueType || !counted ? 0 : 16 + (8L * fields.Length);
                    foreach (var field in fields)
                    {
                        if (field.GetValue(current) is { } value && Worth(value.GetType()))
                        {
                            pending.Push(value);
                        }
                    }

                    break;
            }

            if (total > stopAbove)
            {
                return total;
            }
        }

        return total;
    }

    private static void PushElements(Array array, Stack<object> pending)
    {
        var element = array.GetType().GetElementType()!;
        if (!Worth(element) && !element.IsInterface && element != typeof(object))
        {
            return;
        }

        if (array is object?[] references)
        {
            foreach (var item in references)
            {
                if (item is not null)
                {
                    pending.Push(item);
                }
            }

            return;
        }

        foreach (var item in array)
        {
            if (item is not null)
            {
                pending.Push(item);
            }
        }
    }

    private static long ArrayBytes(Array array)
    {
        var element = array.GetType().GetElementType()!;
        var each = element.IsValueType ? (element.IsPrimitive ? PrimitiveBytes(element) : 16) : 8;
        return 24 + ((long)array.Length * each);
    }

    // Only what can hold a script's values: strings, arrays, Jint's objects, BCL collections. Not the code: the
    // syntax tree (Acornima) and Jint's interpreter nodes are the script's text, which the definition's size
    // bounds, not memory it built (a 1 MiB body's tree would otherwise count against its own limit).
    private static bool Followed(Type type) =>
        (type.Assembly == JintAssembly && type.Namespace?.StartsWith("Jint.Runtime.Interpreter", StringComparison.Ordinal) != true)
        || (type.Namespace is { } ns && ns.StartsWith("System.Collections", StringComparison.Ordinal));

    private static bool Worth(Type type) =>
        type == typeof(string) || type.IsArray || (!type.IsPrimitive && !type.IsEnum && !type.IsPointer && Followed(type))
        || (type.IsValueType && !type.IsPrimitive && !type.IsEnum && Followed(type));

    private static int PrimitiveBytes(Type primitive) => Type.GetTypeCode(primitive) switch
    {
        TypeCode.Boolean or TypeCode.Byte or TypeCode.SByte => 1,
        TypeCode.Char or TypeCode.Int16 or TypeCode.UInt16 => 2,
        TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Single => 4,
        _ => 8,
    };

    // Reflection over Jint's private fields: only the JIT-compiled build walks (LiveMemoryConstraint.IsSupported);
    // the ahead-of-time build, whose metadata for those fields is trimmed, bounds memory with Jint's own
    // allocation limit instead and never calls this.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Not reached in a trimmed build: see the comment above.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Not reached in a trimmed build: see the comment above.")]
    private static FieldInfo[] InstanceFields(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsPointer && !field.FieldType.IsByRefLike)
                {
                    fields.Add(field);
                }
            }
        }

        return [.. fields];
    }
}
