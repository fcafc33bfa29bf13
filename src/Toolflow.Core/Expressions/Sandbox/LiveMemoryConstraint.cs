using Jint;

namespace Toolflow.Core.Expressions.Sandbox;

/// <summary>
/// Bounds the memory a script <em>holds</em>, not what it allocates. Jint's own <c>LimitMemory</c>
/// (<c>MemoryLimitConstraint</c>) compares <c>GC.GetAllocatedBytesForCurrentThread()</c> with its value at the
/// start of the run: every allocation counts, garbage included, so a loop of a few million numeric steps
/// (each boxes a number and copies its <c>let</c> binding: about 90 bytes a step) trips a 64 MiB limit while
/// holding almost nothing. Here that counter is only the trigger: each time the script has allocated another
/// <see cref="_period"/> bytes, <see cref="ScriptHeap"/> measures what its engine holds beyond the built-ins and
/// the scope it was given, and more than the limit stops it. So a loop that makes garbage runs on (the time
/// and statement limits still end a runaway one), and a script that builds a huge array or string fails, at
/// the latest when it holds the limit plus one period.
/// </summary>
internal sealed class LiveMemoryConstraint(long limit) : Constraint
{
    private readonly long _limit = limit;

    /// <summary>
    /// Whether the held-memory walk can run: it reads Jint's objects by reflection, which the ahead-of-time
    /// compiled (headless) build trims. There, as before this constraint existed, Jint's allocation count is the
    /// memory limit (docs/headless.md).
    /// </summary>
    public static bool IsSupported => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;

    // Half the limit: a script is looked at again before it can double what it held unnoticed.
    private readonly long _period = Math.Max(1, limit / 2);
    private long _nextCheckAt;
    private Engine? _engine;
    private HashSet<object>? _builtIns;

    // Jint's allocation count, kept as a backstop far above the limit; restarted after each measure, so it counts
    // neither the measure's own allocations nor the garbage of earlier periods: what it still catches is an
    // allocation storm between two checks (inside one statement, say).
    private Jint.Constraints.MemoryLimitConstraint? _backstop;

    private object? _scope;
    private HashSet<object>? _host;

    /// <summary>The host's data handed to the running script (its arguments): not the script's to account for.</summary>
    public object? Scope
    {
        get => _scope;
        set
        {
            if (!ReferenceEquals(_scope, value))
            {
                _scope = value;
                _host = null;
            }
        }
    }

    /// <summary>Arms the constraint once the engine is hardened: what its built-ins reach is never counted.</summary>
    public void Attach(Engine engine)
    {
        _engine = engine;
        _builtIns = ScriptHeap.BuiltIns(engine);
        _backstop = engine.Constraints.Find<Jint.Constraints.MemoryLimitConstraint>();
    }

    public override void Reset() => _nextCheckAt = GC.GetAllocatedBytesForCurrentThread() + _period;

    public override void Check()
    {
        if (_engine is null || GC.GetAllocatedBytesForCurrentThread() < _nextCheckAt)
        {
            return;
        }

        if (_host is null && _scope is not null)
        {
            _host = ScriptHeap.Host(_engine, _scope, _builtIns!);
        }

        var held = ScriptHeap.Measure(_engine, _builtIns!, _host, _limit);
        if (held > _limit)
        {
            throw new LiveMemoryExceededException(held, _limit);
        }

        _backstop?.Reset();
        _nextCheckAt = GC.GetAllocatedBytesForCurrentThread() + _period;
    }
}

/// <summary>The script holds more memory than its limit (typed as <see cref="ExpressionErrorKind.Memory"/>).</summary>
internal sealed class LiveMemoryExceededException(long held, long limit)
    : Exception($"the script holds more than {held / (1024 * 1024)} MiB, over its limit of {limit / (1024 * 1024)} MiB")
{
}
